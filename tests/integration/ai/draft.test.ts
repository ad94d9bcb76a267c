import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DraftCheck } from '../../../shared/ipc/channels/ai';
import { NOT_CONNECTED_REASON } from '../../../shared/ai';
import { cli } from '../../helpers/cli';
import { deskWithGemini, type GeminiDesk } from './desk';

let d: GeminiDesk;
afterEach(async () => {
  await d.close();
});

const codes = (draft: DraftCheck) => draft.warnings.map((w) => `${w.severity}:${w.code}`);

describe('drafting a message with Gemini', () => {
  it('asks for structured drafts and runs every one through validation, the segment counter and the compliance lint', async () => {
    d = await deskWithGemini();
    d.gemini.respond(() => ({
      drafts: [
        { text: 'Hi {{first_name|there}}, roses are 20% off this weekend at Bloom Florist! Reply STOP to opt out' },
        { text: 'Roses 20% off at {{business_name}}: bit.ly/roses Reply STOP to opt out' },
        { text: 'Hi {{first_name}} 🌹 20% off roses this weekend — Bloom Florist {{field:vip_code}}' },
      ],
    }));
    const { drafts } = await d.call('ai:draft', { brief: '20% off roses this weekend', tone: 'friendly' });

    expect(drafts).toHaveLength(3);
    expect(drafts[0]).toMatchObject({ segments: 1, encoding: 'GSM-7', warnings: [], usable: true });
    // A public link shortener is an error of the lint: that option cannot be used until edited.
    expect(drafts[1]).toMatchObject({ usable: false, segments: 1, encoding: 'GSM-7' });
    expect(codes(drafts[1])).toEqual(['error:link_shortener']);
    // Unknown custom field (validation error), an emoji forcing UCS-2, no opt-out line (lint warnings).
    expect(drafts[2]).toMatchObject({ usable: false, encoding: 'UCS-2' });
    expect(codes(drafts[2])).toEqual(
      expect.arrayContaining(['error:unknown_field', 'warning:missing_opt_out', 'warning:ucs2_forced']),
    );

    const [call] = d.gemini.calls;
    expect(call.model).toBe('gemini-3.1-flash-lite');
    expect(call.prompt).toContain('Brief: 20% off roses this weekend');
    expect(call.prompt).toContain('Tone: friendly.');
    expect(call.system).toContain('Reply STOP to opt out');
    expect(call.system).toContain('one SMS segment');
    expect(JSON.parse(call.raw)).toMatchObject({
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', required: ['drafts'] },
      },
    });
  });

  it('says when a draft asked to fit one segment does not', async () => {
    d = await deskWithGemini();
    const long = `Hi {{first_name|there}}! ${'Our spring bouquets are here, with peonies, tulips and ranunculus. '.repeat(2)}Bloom Florist. Reply STOP to opt out`;
    d.gemini.next({ kind: 'answer', json: { drafts: [{ text: long }] } });
    const { drafts } = await d.call('ai:draft', { brief: 'spring bouquets', count: 1 });
    expect(drafts[0].segments).toBe(2);
    expect(drafts[0].usable).toBe(true);
    expect(drafts[0].warnings).toEqual([
      expect.objectContaining({
        code: 'over_one_segment',
        severity: 'warning',
        message: expect.stringContaining('takes 2'),
      }),
    ]);
  });

  it('prints exactly { drafts: [{ text, segments, encoding, warnings }] } from the CLI', async () => {
    d = await deskWithGemini();
    const dbPath = join(d.app.paths.dataDir, 'desk.sqlite');
    const r = await cli([
      '--db',
      dbPath,
      '--json',
      'ai',
      'draft',
      '--brief',
      'Free delivery on Friday',
      '--variants',
      '2',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { drafts: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['drafts']);
    expect(out.drafts).toHaveLength(2);
    for (const draft of out.drafts) {
      expect(Object.keys(draft)).toEqual(['text', 'segments', 'encoding', 'warnings']);
      expect(draft).toMatchObject({
        text: expect.stringContaining('Free delivery on Friday'),
        segments: 1,
        encoding: 'GSM-7',
        warnings: [],
      });
    }
    const usage = await cli(['--db', dbPath, 'ai', 'draft', '--brief', 'x', '--variants', 'three']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--variants must be a whole number');
  });

  it('offers A/B variants that change one named thing, each checked like a draft', async () => {
    d = await deskWithGemini();
    const original = 'Hi {{first_name|there}}, 20% off roses at Bloom Florist this weekend. Reply STOP to opt out';
    const { variants } = await d.call('ai:variants', { message: original, change: 'call_to_action', count: 2 });
    expect(variants).toHaveLength(2);
    for (const v of variants) {
      expect(v).toMatchObject({
        change: 'call_to_action',
        usable: true,
        encoding: 'GSM-7',
        difference: expect.any(String),
      });
      expect(v.text).not.toBe(original);
    }
    const [call] = d.gemini.calls;
    expect(call.system).toContain('changes the call to action of the original and nothing else');
    expect(call.prompt).toContain(original);
  });

  it('without an API key: a plain reason, and nothing is sent', async () => {
    d = await deskWithGemini();
    d.app.secrets.delete('gemini.apiKey');
    expect(await d.fails('ai:draft', { brief: 'roses' })).toEqual({
      code: 'secret_unavailable',
      message: NOT_CONNECTED_REASON,
    });
    expect(await d.call('ai:status', {})).toMatchObject({ connected: false, model: 'gemini-3.1-flash-lite' });
    expect(d.gemini.calls).toHaveLength(0);
  });
});
