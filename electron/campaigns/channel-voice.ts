import { AppError } from '../../shared/errors';
import { parseTemplate, renderParsed, type ParsedTemplate } from '../../shared/templates';
import type { CampaignVoice } from '../../shared/campaign-channels';
import type { DeskCore } from '../core';
import { buildCallFromSettings } from '../voice';
import type { CampaignRecord } from './model';
import type { ChannelMessage, ContactValues } from './snapshot-channels';
import { voiceVariantContent } from './channels';
import { contactContext, fieldReader } from './channel-fields';
import { assignMessages } from './variants';

const EXAMPLE_CONTACT = { id: 0, phone: '+15550100000', first_name: 'Ana', last_name: null, email: null };

/** What each call says: the campaign's one call, or each variant's of a call A/B test, with the name to blame. */
function voiceSources(c: CampaignRecord): Array<{ content: CampaignVoice; variant: string | null }> {
  if (c.ab?.channel === 'voice')
    return c.ab.variants.map((v) => ({ content: voiceVariantContent(v), variant: v.name }));
  const voice = c.voice;
  if (!voice || (!voice.script?.trim() && !voice.recordingUrl?.trim()))
    throw new AppError('invalid_input', `Campaign "${c.name}" has no call: give it a script or a recording.`);
  return [{ content: voice, variant: null }];
}

interface ParsedVoice {
  script: ParsedTemplate | null;
  recordingUrl: string | null;
  variant: string | null;
}

/**
 * Each contact's call, built by the voice builder (the business and its number, the key-press opt-out, the message,
 * the closing): a call A/B test gives each contact the variant the campaign's split assigns them, as texts and
 * e-mails are assigned, and every variant is built by the same builder, so none can leave the identification or the
 * opt-out out. Problems in any variant's script or in the call settings are found here, before anything is written.
 */
export function voiceContent(core: DeskCore, c: CampaignRecord): (contact: ContactValues) => ChannelMessage {
  const sources: ParsedVoice[] = voiceSources(c).map(({ content, variant }) => {
    const script = content.script?.trim() ? parseTemplate(content.script) : null;
    const bad = script?.errors[0];
    const of = variant === null ? '' : ` of variant ${variant}`;
    if (bad) throw new AppError('invalid_input', `The call script${of} has a problem: ${bad.message}`);
    return { script, recordingUrl: content.recordingUrl ?? null, variant };
  });
  const fields = fieldReader(
    core,
    sources.flatMap((s) => (s.script ? [s.script] : [])),
  );
  const business = { name: core.settings.get('business.name'), contact: core.settings.get('business.contact') };
  const build = (s: ParsedVoice, r: ContactValues) => {
    const text = s.script ? renderParsed(s.script, { contact: contactContext(r, fields(r.id)), business }).text : null;
    return buildCallFromSettings(core.settings, { script: text, recordingUrl: s.recordingUrl });
  };
  const plan = c.ab?.channel === 'voice' ? assignMessages(c, []) : null;
  // Every variant's call is built once before any row, so a launch is refused before the first call, not midway.
  if (plan)
    for (const s of sources) {
      try {
        build(s, EXAMPLE_CONTACT);
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `Variant ${s.variant}: ${e.message}`);
        throw e;
      }
    }
  return (r) => {
    const pick = plan?.pick(r.id) ?? { bodyIndex: 0, variant: null };
    const call = build(sources[pick.bodyIndex], r);
    return {
      body: call.body,
      voiceJson: call.voiceJson,
      toEmail: null,
      subject: null,
      html: null,
      variant: pick.variant,
      links: [],
    };
  };
}
