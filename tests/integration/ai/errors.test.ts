import { afterEach, describe, expect, it } from 'vitest';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { deskWithGemini, type GeminiDesk } from './desk';

let d: GeminiDesk;
afterEach(async () => {
  await d.close();
});

const draft = () => d.fails('ai:draft', { brief: 'roses on sale' });

describe('when Gemini gives no usable answer, the owner reads why — never a crash', () => {
  it('a retired model (404 NOT_FOUND) says to choose another', async () => {
    d = await deskWithGemini();
    d.app.settings.set('gemini.model', 'gemini-2.5-flash');
    const err = await draft();
    expect(err.code).toBe('provider_error');
    expect(err.message).toBe(
      'The model "gemini-2.5-flash" was not found (404 NOT_FOUND): this model was retired, choose another in Settings → Integrations (gemini.model).',
    );
    expect((await d.fails('ai:check', {})).message).toContain('this model was retired, choose another');
    d.app.settings.set('gemini.model', 'gemini-3.1-flash-lite');
    expect(await d.call('ai:check', {})).toEqual({ model: 'gemini-3.1-flash-lite' });
  });

  it('429 RESOURCE_EXHAUSTED backs off (RetryInfo) and tries again; after three it says the limit is reached', async () => {
    d = await deskWithGemini();
    d.gemini.faults.next({ kind: 'rate_limited', retryAfter: '0.02' }, 2);
    const { drafts } = await d.call('ai:draft', { brief: 'roses on sale' });
    expect(drafts).toHaveLength(3);
    expect(d.gemini.log.map((l) => l.status)).toEqual([429, 429, 200]);

    d.gemini.faults.next({ kind: 'rate_limited', retryAfter: '0.02' }, 3);
    expect((await draft()).message).toBe(
      'Gemini’s request limit is reached (429 RESOURCE_EXHAUSTED); limits are per minute and per day. Try again in a minute.',
    );
    expect(d.gemini.log).toHaveLength(6);
  });

  it('a safety block (promptFeedback.blockReason) and finishReason SAFETY read as a plain message', async () => {
    d = await deskWithGemini();
    d.gemini.next({ kind: 'blocked', reason: 'SAFETY' });
    expect((await draft()).message).toBe(
      'Gemini declined to answer (SAFETY): its safety rules blocked the request. Rephrase it and try again.',
    );
    d.gemini.next({ kind: 'finish', reason: 'SAFETY' });
    expect((await draft()).message).toContain('Gemini stopped its answer for safety reasons (SAFETY)');
  });

  it('finishReason MAX_TOKENS (a cut-off answer) and RECITATION are not used', async () => {
    d = await deskWithGemini();
    d.gemini.next({ kind: 'finish', reason: 'MAX_TOKENS' });
    expect((await draft()).message).toBe(
      'Gemini’s answer was cut off before it was complete (MAX_TOKENS). Try a shorter request or fewer options.',
    );
    d.gemini.next({ kind: 'finish', reason: 'RECITATION' });
    expect((await draft()).message).toContain('(RECITATION)');
  });

  it('a key Gemini does not accept, an answer of the wrong shape, an outage, and no network', async () => {
    d = await deskWithGemini();
    d.app.secrets.set('gemini.apiKey', 'wrong-key');
    expect((await draft()).message).toContain('Gemini did not accept the API key (400 INVALID_ARGUMENT)');
    d.app.secrets.set('gemini.apiKey', 'test-gemini-key');

    d.gemini.next({ kind: 'answer', json: { drafts: 'not a list' } });
    expect((await draft()).message).toBe('Gemini’s answer was not in the expected form. Try again.');
    d.gemini.next({ kind: 'text', text: 'Sure! Here are some ideas:' });
    expect((await draft()).message).toBe('Gemini’s answer was not in the expected form. Try again.');

    d.gemini.faults.next({ kind: 'server_error', status: 503 }, 3);
    expect((await draft()).message).toContain('Gemini is not available right now (503 UNAVAILABLE)');

    d.app.settings.set('gemini.baseUrl', await unusedLoopbackUrl());
    expect((await draft()).message).toMatch(
      /^Gemini could not be reached at http:\/\/127\.0\.0\.1:\d+ \(.+\)\. Check the internet connection; everything else works without it\.$/,
    );
  });

  it('settings refuse a plain-http address other than loopback and a model name that is not one', async () => {
    d = await deskWithGemini();
    expect(() => d.app.settings.set('gemini.baseUrl', 'http://generativelanguage.googleapis.com')).toThrow(
      'must start with https://',
    );
    expect(() => d.app.settings.set('gemini.model', 'gemini 3')).toThrow(
      'enter a Gemini model name such as gemini-3.1-flash-lite',
    );
    expect(d.app.settings.get('gemini.baseUrl')).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
