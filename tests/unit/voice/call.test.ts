import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCall, optOutConfirmationTwiml, readCallPlan, type BuildCallInput } from '../../../electron/voice';

type XmlElement = NonNullable<ReturnType<DOMParser['parseFromString']>['documentElement']>;

const base: BuildCallInput = {
  script: 'Our spring sale starts Saturday: 20% off every bike.',
  voice: 'Polly.Joanna',
  language: 'en-US',
  business: { name: 'Main Street Bikes', callbackNumber: '+14155550100' },
  optOutDigit: '9',
  relayUrls: { gather: 'https://relay.example.com/webhooks/twilio-voice/gather' },
};

/** Parses TwiML strictly: any XML error fails the test. */
function parse(xml: string): XmlElement {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: (m) => errors.push(m), error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc.documentElement;
}

const children = (el: XmlElement): XmlElement[] =>
  Array.from({ length: el.childNodes.length }, (_, i) => el.childNodes.item(i)).filter(
    (n): n is XmlElement => n.nodeType === 1,
  );

/** Every element's name, depth first: the shape of the document. */
const shape = (el: XmlElement): string[] => [el.tagName, ...children(el).flatMap(shape)];

describe('buildCall (TwiML of a voice message)', () => {
  it('says who calls and their number, offers the opt-out key next, then the message and the callback number', () => {
    const { body, voiceJson } = buildCall(base);
    const plan = readCallPlan(voiceJson);
    const root = parse(plan.twiml);
    expect(root.tagName).toBe('Response');
    expect(children(root).map((c) => c.tagName)).toEqual(['Gather', 'Hangup']);
    const gather = children(root)[0];
    expect(gather.getAttribute('numDigits')).toBe('1');
    expect(gather.getAttribute('input')).toBe('dtmf');
    expect(gather.getAttribute('method')).toBe('POST');
    expect(Number(gather.getAttribute('timeout'))).toBeGreaterThan(0);
    const action = new URL(gather.getAttribute('action') ?? '');
    expect(action.origin + action.pathname).toBe('https://relay.example.com/webhooks/twilio-voice/gather');
    expect(action.searchParams.get('d')).toBe('9');

    const verbs = children(gather);
    expect(verbs.map((v) => v.tagName)).toEqual(['Say', 'Say', 'Say', 'Say']);
    for (const v of verbs) {
      expect(v.getAttribute('voice')).toBe('Polly.Joanna');
      expect(v.getAttribute('language')).toBe('en-US');
    }
    const [identification, offer, message, closing] = verbs.map((v) => v.textContent ?? '');
    expect(identification).toContain('Main Street Bikes');
    expect(identification).toContain('4 1 5, 5 5 5, 0 1 0 0');
    // Within 2 seconds of the identification: the very next thing said.
    expect(offer).toBe('To stop these calls, press 9 now.');
    expect(message).toBe(base.script);
    expect(closing).toContain('call 4 1 5, 5 5 5, 0 1 0 0 and press 9');

    expect(body.split('\n')).toEqual([
      'This is a message from Main Street Bikes. You can call us back at (415) 555-0100.',
      'To stop these calls, press 9 now.',
      base.script,
      'To stop these calls, press 9, or call (415) 555-0100 and press 9. Goodbye.',
    ]);
  });

  it('plays a recording by https URL in place of the script', () => {
    const { voiceJson, body } = buildCall({
      ...base,
      script: null,
      recordingUrl: 'https://cdn.example.com/a.mp3?x=1&y=2',
    });
    const plan = readCallPlan(voiceJson);
    const gather = children(parse(plan.twiml))[0];
    expect(children(gather).map((v) => v.tagName)).toEqual(['Say', 'Say', 'Play', 'Say']);
    expect(children(gather)[2].textContent).toBe('https://cdn.example.com/a.mp3?x=1&y=2');
    expect(body).toContain('(Recording: https://cdn.example.com/a.mp3?x=1&y=2)');
  });

  it('continues with the message, still listening for the key, when another key is pressed', () => {
    const plan = readCallPlan(buildCall(base).voiceJson);
    const root = parse(plan.continueTwiml);
    expect(shape(root)).toEqual(['Response', 'Gather', 'Say', 'Say', 'Hangup']);
    expect(children(children(root)[0])[0].textContent).toBe(base.script);
  });

  it('confirms the opt-out and hangs up', () => {
    const root = parse(optOutConfirmationTwiml({ voice: 'alice', language: 'en-US', businessName: 'A & B <Co>' }));
    expect(shape(root)).toEqual(['Response', 'Say', 'Hangup']);
    expect(children(root)[0].textContent).toContain("removed from A & B <Co>'s call list");
  });

  it('refuses what cannot make a lawful call, naming what is wrong', () => {
    expect(() => buildCall({ ...base, script: '  ' })).toThrow(/empty/);
    expect(() => buildCall({ ...base, recordingUrl: 'https://x.example/a.mp3' })).toThrow(/not both/);
    expect(() => buildCall({ ...base, script: null, recordingUrl: 'http://x.example/a.mp3' })).toThrow(/https/);
    expect(() => buildCall({ ...base, optOutDigit: '10' })).toThrow(/one digit/);
    expect(() => buildCall({ ...base, voice: 'Robot"/>' })).toThrow(/voice/);
    expect(() => buildCall({ ...base, language: 'english' })).toThrow(/language/);
    expect(() => buildCall({ ...base, business: { name: '', callbackNumber: '+14155550100' } })).toThrow(/business/);
    expect(() => buildCall({ ...base, business: { name: 'X', callbackNumber: '555' } })).toThrow(/callback number/);
    expect(() => buildCall({ ...base, relayUrls: { gather: '' } })).toThrow(/public address/);
    expect(() => buildCall({ ...base, script: 'x'.repeat(5000) })).toThrow(/too long/);
  });

  it('no script, business name or recording URL can inject TwiML', () => {
    const text = fc.string({
      unit: fc.constantFrom('<', '>', '&', '"', "'", '/', 'a', ' ', 'S', '\u0000', '\uD800', '!', '-', '[', ']'),
      maxLength: 200,
    });
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 200 })), text, (script, name) => {
        fc.pre(script.trim() !== '' && name.trim() !== '');
        let built;
        try {
          built = buildCall({ ...base, script, business: { ...base.business, name } });
        } catch (e) {
          // Only refusals that name the problem; never malformed TwiML.
          expect(String(e)).toMatch(/empty|too long|business name/);
          return;
        }
        const plan = readCallPlan(built.voiceJson);
        for (const xml of [plan.twiml, plan.continueTwiml]) {
          const root = parse(xml);
          expect(shape(root)).toEqual(
            xml === plan.twiml
              ? ['Response', 'Gather', 'Say', 'Say', 'Say', 'Say', 'Hangup']
              : ['Response', 'Gather', 'Say', 'Say', 'Hangup'],
          );
        }
        const message = children(children(parse(plan.twiml))[0])[2].textContent ?? '';
        // What is said is the script, less only the characters XML cannot carry.
        expect(message).toBe(script.trim().replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
      }),
      { numRuns: 300 },
    );
  });
});
