import { useEffect, useState, type FormEvent } from 'react';
import { validateVariants, variantLetter, type AbMetric } from '../../../../shared/abtests';
import { findLinks } from '../../../../shared/abtests/links';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Button, Checkbox, ErrorBanner, Field, PageHeader, Select, TextInput } from '../ui';
import { LaunchDialog } from '../campaigns/LaunchDialog';
import { SegmentPicker } from '../campaigns/SegmentPicker';
import { AbGuidance } from './AbGuidance';
import { formatNumber } from './format';
import { VariantFields, evenSplit, type AbChannel, type VariantDrafts } from './VariantFields';
import { VoiceVariantFrame } from './VoiceVariantFrame';
import { voiceContentProblems } from '../../../../shared/voice/content';
import './abtests.css';
import { settingText } from '../../api/setting-text';

/** A typical rate for each metric, as the starting guess the owner can change. */
const TYPICAL_RATE: Record<AbMetric, number> = { replied: 5, clicked: 3, converted: 2, optedOut: 1 };

const METRICS: Array<{ value: AbMetric; label: string }> = [
  { value: 'replied', label: 'Replies' },
  { value: 'clicked', label: 'Link clicks (needs tracked links)' },
  { value: 'converted', label: 'Conversions (keyword replies or marked by you)' },
  { value: 'optedOut', label: 'Opt-outs (fewest wins)' },
];

const STARTERS = ['Hi {{first_name|there}}! ', '{{first_name|Hi}}, '];
const TEXT_START = 'Reply STOP to opt out';
/** E-mails get no replies and their opens are not counted: clicks or conversions decide. */
const EMAIL_METRICS: AbMetric[] = ['clicked', 'converted'];
const EMAIL_START = 'Hi {{first_name|there}},\n\n';
/** Calls get no replies or clicks to count: the conversions the owner records decide. */
const VOICE_METRICS: AbMetric[] = ['converted'];
/** What each channel's variants are, and who can get them, in the form's words. */
const CHANNEL_WORDS: Record<AbChannel, { versions: string; reach: string; messages: 'texts' | 'e-mails' | 'calls' }> = {
  sms: { versions: 'a text', reach: 'can be texted (opted-out and landline numbers are left out)', messages: 'texts' },
  email: {
    versions: 'an e-mail (its subject line, its body or both)',
    reach: 'can be e-mailed (e-mail consent and an address; unsubscribed addresses are left out)',
    messages: 'e-mails',
  },
  voice: {
    versions: 'a call (a script read aloud, or a recording)',
    reach: 'can be called (written consent to calls; numbers on your do-not-call list are left out)',
    messages: 'calls',
  },
};

const textDrafts = (): VariantDrafts => ({
  bodies: STARTERS.map((s) => `${s}${TEXT_START}`),
  subjects: ['', ''],
  recordings: ['', ''],
  split: evenSplit(2),
});

/** A new A/B campaign: two to five message variants, how to split them, and what counts as winning. */
export function NewAbTestForm({
  onCancel,
  onCreated,
}: {
  onCancel(): void;
  onCreated(id: number, problem?: string): void;
}) {
  const tags = useQuery(() => api.contacts.tags({}), [], ['contacts']);
  const segments = useQuery(() => api.segments.list({}), [], ['contacts']);
  const settings = useQuery(() => api.settings.list({}), [], ['settings']);
  const setting = (key: string, fallback: number) =>
    Number(settings.data?.find((r) => r.key === key)?.value ?? fallback);
  const [name, setName] = useState('');
  const [tag, setTag] = useState('');
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [expectedPercent, setExpectedPercent] = useState<number | null>(null);
  const [defaultVariant, setDefaultVariant] = useState('');
  const [draftId, setDraftId] = useState<number | null>(null);
  const [channel, setChannel] = useState<AbChannel>('sms');
  const [variants, setVariants] = useState<VariantDrafts>(textDrafts);
  const { bodies, subjects, recordings, split } = variants;
  const [sample, setSample] = useState(false);
  const [testPercent, setTestPercent] = useState(20);
  const [metric, setMetric] = useState<AbMetric>('replied');
  const [trackLinks, setTrackLinks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [eligible, setEligible] = useState<number | null>(null);

  const audience = { ...(tag ? { tags: [tag] } : {}), ...(segmentId !== null ? { segmentId } : {}) };
  const audienceKey = JSON.stringify(audience);
  const emailSetUp = ['email.from', 'email.postalAddress'].every((k) =>
    settingText(settings.data?.find((r) => r.key === k)?.value, '').trim(),
  );
  // Calls through Twilio or the Sandbox, once the business name, callback number and relay address are set.
  const callSetup = useQuery(() => api.voice.callSetup({}), [], ['settings']).data;
  const voiceSetUp = callSetup !== undefined && callSetup.problems.length === 0;
  useEffect(() => {
    let live = true;
    const count =
      channel !== 'sms'
        ? api.campaigns
            .channelReach({ audience, channels: [channel], everyChannel: false })
            .then((r) => r.channels[0]?.gets ?? 0)
        : api.campaigns.audienceCount({ audience }).then((c) => c.eligible);
    count.then((n) => live && setEligible(n)).catch(() => live && setEligible(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the audience object
  }, [audienceKey, channel]);

  function chooseChannel(next: AbChannel) {
    setChannel(next);
    if (next === 'voice') {
      setSample(false); // no test-then-winner on calls
      setMetric('converted');
      setTrackLinks(false);
      setVariants({
        bodies: bodies.map(() => ''),
        subjects: bodies.map(() => ''),
        recordings: bodies.map(() => ''),
        split,
      });
    } else if (next === 'email') {
      // Clicks need tracked links; replies never come back to a marketing e-mail.
      if (!EMAIL_METRICS.includes(metric)) setMetric('clicked');
      setTrackLinks(true);
      setVariants({ ...variants, bodies: bodies.map(() => EMAIL_START), subjects: bodies.map(() => '') });
    } else setVariants(textDrafts());
  }

  const issues = validateVariants(split, sample ? testPercent : undefined);
  const recordingOf = (i: number) => (channel === 'voice' ? recordings[i]?.trim() : '') || '';
  const empty = bodies.findIndex((b, i) => !b.trim() && !recordingOf(i));
  // A call variant follows the rules of a campaign's call (a script or a recording, short enough for one minute).
  const callProblems = bodies.flatMap((b, i) => {
    if (channel !== 'voice' || (!b.trim() && !recordingOf(i))) return [];
    const problem = voiceContentProblems(recordingOf(i) ? { recordingUrl: recordingOf(i) } : { script: b })[0];
    return problem ? [`Variant ${variantLetter(i)}: ${problem}`] : [];
  });
  const noSubject = subjects.findIndex((t) => !t.trim());
  const hasLink = bodies.some((b) => findLinks(b).length > 0);
  const problems = [
    ...(name.trim() ? [] : ['Give the test a name.']),
    ...(empty >= 0 ? [`Variant ${variantLetter(empty)} has no text.`] : []),
    ...(channel === 'email' && noSubject >= 0 ? [`Variant ${variantLetter(noSubject)} has no subject.`] : []),
    ...callProblems,
    ...issues.map((i) => i.message),
    ...(metric === 'clicked' && !trackLinks ? ['Comparing link clicks needs "Track links" on.'] : []),
    ...(metric === 'clicked' && !hasLink ? ['Comparing link clicks needs a link (https://…) in the variants.'] : []),
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const ab = {
        variants: bodies.map((body, i) => ({
          name: variantLetter(i),
          // A recording's variant is shown in the report by its address.
          body: recordingOf(i) || body,
          ...(channel === 'email' ? { subject: subjects[i].trim() } : {}),
          ...(recordingOf(i) ? { recordingUrl: recordingOf(i) } : {}),
        })),
        split,
        metric,
        ...(channel !== 'sms' ? { channel } : {}),
        ...(sample
          ? { testPercent, ...(defaultVariant !== '' ? { defaultVariant: Number(defaultVariant) } : {}) }
          : {}),
      };
      const draft = {
        name: name.trim(),
        audience,
        ab,
        trackLinks,
        ...(channel !== 'sms' ? { channels: [channel] } : {}),
      };
      // Saved as a draft, then the launch dialog states what will happen and asks before anything is sent.
      const c =
        draftId === null ? await api.campaigns.create(draft) : await api.campaigns.update({ id: draftId, draft });
      setDraftId(c.id);
      setLaunching(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page ab-new">
      <PageHeader
        title="New A/B test"
        subtitle={`Write two to five versions of ${CHANNEL_WORDS[channel].versions}; we split your audience fairly and tell you which one works better.`}
      />
      <ErrorBanner message={error} />
      <form className="card ab-form" onSubmit={(e) => void submit(e)}>
        <div className="ab-form-row">
          <TextInput
            label="Name"
            fieldClassName="grow"
            id="ab-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Spring colour offer"
            maxLength={100}
          />
          <Field label="Audience" htmlFor="ab-tag">
            <Select id="ab-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">All contacts</option>
              {(tags.data ?? []).map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({formatNumber(t.count)})
                </option>
              ))}
            </Select>
            <p className="muted small" data-testid="ab-eligible">
              {eligible === null ? ' ' : `${formatNumber(eligible)} ${CHANNEL_WORDS[channel].reach}.`}
            </p>
          </Field>
          <SegmentPicker id="ab-segment" segments={segments.data} value={segmentId} onChange={setSegmentId} />
          <Select
            label="Send the variants as"
            id="ab-channel"
            value={channel}
            onChange={(e) =>
              chooseChannel(e.target.value === 'email' || e.target.value === 'voice' ? e.target.value : 'sms')
            }
            hint={
              [
                emailSetUp ? '' : 'E-mail needs a sender and your postal address in Settings first.',
                voiceSetUp || !callSetup ? '' : `Calls: ${callSetup.problems[0]}`,
              ]
                .filter(Boolean)
                .join(' ') || undefined
            }
          >
            <option value="sms">Texts (SMS)</option>
            <option value="email" disabled={!emailSetUp}>
              E-mails
            </option>
            <option value="voice" disabled={!voiceSetUp}>
              Calls
            </option>
          </Select>
        </div>

        <VariantFields
          channel={channel}
          value={variants}
          onChange={setVariants}
          newBody={channel === 'email' ? EMAIL_START : channel === 'voice' ? '' : TEXT_START}
        />
        {channel === 'voice' && callSetup && <VoiceVariantFrame setup={callSetup} />}

        <div className="ab-form-row">
          <Select
            label="The winner is the variant with the most…"
            hint={
              channel === 'email' ? (
                <>Mail apps and scanners make "opens" unreliable, so e-mails are compared on clicks or conversions.</>
              ) : channel === 'voice' ? (
                <>
                  Calls get no replies or clicks to count: record each booking or sale and calls are compared on
                  conversions. How many pressed the opt-out key is shown beside them.
                </>
              ) : (
                <>SMS cannot tell when a text is opened, so "opens" cannot be compared.</>
              )
            }
            id="ab-metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as AbMetric)}
          >
            {METRICS.filter(
              (m) => channel === 'sms' || (channel === 'email' ? EMAIL_METRICS : VOICE_METRICS).includes(m.value),
            ).map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
          <div className="field">
            {channel !== 'voice' && (
              <Checkbox
                label={`Test on part of the ${channel === 'email' ? 'e-mail ' : ''}audience first, then send the winner to the rest`}
                checked={sample}
                onChange={(e) => setSample(e.target.checked)}
              />
            )}
            {sample && (
              <label className="ab-share">
                Test on{' '}
                <TextInput
                  type="number"
                  min={1}
                  max={99}
                  value={testPercent}
                  aria-label="Test sample in percent"
                  onChange={(e) => setTestPercent(Number(e.target.value))}
                />
                % of the {channel === 'email' ? 'e-mail ' : ''}audience
              </label>
            )}
            {sample && (
              <label className="ab-share">
                If it cannot decide in time, send{' '}
                <Select
                  value={defaultVariant}
                  onChange={(e) => setDefaultVariant(e.target.value)}
                  aria-label="Default variant"
                >
                  <option value="">nothing — ask me</option>
                  {bodies.map((_b, i) => (
                    <option key={i} value={String(i)}>
                      Variant {variantLetter(i)}
                    </option>
                  ))}
                </Select>
              </label>
            )}
            {channel !== 'voice' && (
              <Checkbox
                label="Track links (short links on your relay's public address count clicks)"
                checked={trackLinks}
                onChange={(e) => setTrackLinks(e.target.checked)}
              />
            )}
          </div>
        </div>

        <div className="ab-form-row">
          <Field
            label={
              <>
                Expected rate of{' '}
                {
                  METRICS.find((m) => m.value === metric)
                    ?.label.toLowerCase()
                    .split(' (')[0]
                }
              </>
            }
            htmlFor="ab-expected"
          >
            <span className="ab-share">
              <TextInput
                id="ab-expected"
                type="number"
                min={0.1}
                max={90}
                step={0.1}
                value={expectedPercent ?? TYPICAL_RATE[metric]}
                onChange={(e) => setExpectedPercent(e.target.value === '' ? NaN : Number(e.target.value))}
              />
              %
            </span>
          </Field>
          <AbGuidance
            eligible={eligible}
            split={split}
            testPercent={sample ? testPercent : undefined}
            expectedRate={(expectedPercent ?? TYPICAL_RATE[metric]) / 100}
            confidence={setting('abtests.confidence', 0.95)}
            minSamplePerVariant={setting('abtests.minSamplePerVariant', 100)}
            messages={CHANNEL_WORDS[channel].messages}
          />
        </div>

        {problems.length > 0 && (
          <ul className="ab-problems" aria-label="Before you can start">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <Button type="submit" disabled={busy || problems.length > 0}>
            Start the test
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
      {launching && draftId !== null && (
        <LaunchDialog
          campaignId={draftId}
          cost={null}
          zone={settingText(settings.data?.find((r) => r.key === 'business.timezone')?.value, 'America/New_York')}
          onClose={() => setLaunching(false)}
          onLaunched={() => onCreated(draftId)}
        />
      )}
    </section>
  );
}
