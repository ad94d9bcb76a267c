import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuoProvider } from '../../../electron/providers/quo';
import type { SendOutcome } from '../../../electron/providers/types';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';

const KEY = 'test-quo-key';
const FROM = '+15550100000';
const TIMEOUT_MS = 1000;
let fake: FakeQuo;

async function setup() {
  fake = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  return new QuoProvider({ baseUrl: fake.url, apiKey: KEY, timeoutMs: TIMEOUT_MS, now: () => new Date() });
}

afterEach(async () => {
  await fake?.close();
});

describe('Quo send under faults', () => {
  it('accepted then no answer: unknown (timeout), and the fake did send it', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'accepted_then_timeout' });
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'held' });
    expect(outcome).toMatchObject({ ok: false, kind: 'unknown', code: 'timeout' });
    if (!outcome.ok) expect(outcome.message).toMatch(/may or may not have been sent/);
    expect(fake.sent.map((m) => m.text)).toEqual(['held']);
  });

  it('accepted with an answer later than the client timeout: still unknown', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'accepted_then_timeout', answerAfterMs: TIMEOUT_MS * 3 });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'late' })).toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    });
    expect(fake.sent).toHaveLength(1);
  });

  it('reset before processing: unknown for the client (it cannot tell), and nothing was sent', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'reset_before' });
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'reset early' });
    expect(outcome).toMatchObject({ ok: false, kind: 'unknown', code: 'connection_lost' });
    expect(fake.sent).toHaveLength(0);
    expect(fake.requests[0]).toMatchObject({ fault: 'reset_before', status: null });
  });

  it('reset after processing: unknown, and the fake did send it', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'reset_after' });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'reset late' })).toMatchObject({
      kind: 'unknown',
      code: 'connection_lost',
    });
    expect(fake.sent.map((m) => m.text)).toEqual(['reset late']);
  });

  it('a slow answer within the timeout is a normal success', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'slow', delayMs: 50 });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'slow' })).toMatchObject({ ok: true });
    expect(fake.sent).toHaveLength(1);
  });

  it('a slow answer past the timeout is unknown, and the provider still sends it', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'slow', delayMs: TIMEOUT_MS * 2 });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'too slow' })).toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    });
    await vi.waitFor(() => expect(fake.sent).toHaveLength(1), { timeout: 5000, interval: 50 });
  });

  it('connection refused: retryable, because the request never left', async () => {
    fake = await startFakeQuo();
    const quo = new QuoProvider({
      baseUrl: await unusedLoopbackUrl(),
      apiKey: KEY,
      timeoutMs: TIMEOUT_MS,
      now: () => new Date(),
    });
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'nobody home' });
    expect(outcome).toMatchObject({ ok: false, kind: 'retryable', code: 'connection_refused' });
    if (!outcome.ok) expect(outcome.message).toMatch(/not sent/);
  });

  it('a DNS failure is retryable too', async () => {
    const quo = new QuoProvider({
      baseUrl: 'http://quo-fake.invalid',
      apiKey: KEY,
      timeoutMs: 5000,
      now: () => new Date(),
    });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'x' })).toMatchObject({
      kind: 'retryable',
      code: 'connection_refused',
    });
  });

  it("the caller's cancellation: before the call nothing is sent (retryable); during it, unknown", async () => {
    const quo = await setup();
    const before = new AbortController();
    before.abort();
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'never' }, before.signal)).toMatchObject({
      kind: 'retryable',
      code: 'cancelled',
    });
    expect(fake.requests).toHaveLength(0);

    fake.faults.next({ kind: 'accepted_then_timeout' });
    const during = new AbortController();
    const pending = quo.send({ to: '+15551234567', from: FROM, body: 'maybe' }, during.signal);
    await vi.waitFor(() => expect(fake.sent).toHaveLength(1), { timeout: 5000, interval: 10 });
    during.abort();
    expect(await pending).toMatchObject({ kind: 'unknown', code: 'cancelled' });
  });

  it('seeded random faults: every success was recorded, every retryable was not, and the run repeats exactly', async () => {
    const run = async () => {
      const quo = await setup();
      fake.faults.random(
        [
          { fault: { kind: 'server_error', status: 502 }, probability: 0.15 },
          { fault: { kind: 'rate_limited', retryAfter: '2' }, probability: 0.15 },
          { fault: { kind: 'reset_before' }, probability: 0.1 },
          { fault: { kind: 'reset_after' }, probability: 0.1 },
          { fault: { kind: 'accepted_then_timeout', answerAfterMs: TIMEOUT_MS * 2 }, probability: 0.05 },
        ],
        { seed: 42, target: 'send' },
      );
      const outcomes: SendOutcome[] = [];
      for (let i = 0; i < 40; i += 1)
        outcomes.push(await quo.send({ to: '+15551234567', from: FROM, body: `msg ${i}` }));
      const recorded = new Set(fake.sent.map((m) => m.text));
      const summary = { kinds: outcomes.map((o) => (o.ok ? 'ok' : o.kind)), injected: { ...fake.faults.injected } };
      const faults = fake.requests.map((r) => r.fault);
      await fake.close();
      return { outcomes, recorded, summary, faults };
    };
    const first = await run();
    // Each send was one request, so request i carries the fault that hit send i.
    const expected: Record<string, { kind: string; recorded: boolean }> = {
      none: { kind: 'ok', recorded: true },
      server_error: { kind: 'retryable', recorded: false },
      rate_limited: { kind: 'retryable', recorded: false },
      reset_before: { kind: 'unknown', recorded: false },
      reset_after: { kind: 'unknown', recorded: true },
      accepted_then_timeout: { kind: 'unknown', recorded: true },
    };
    first.outcomes.forEach((outcome, i) => {
      const fault = first.faults[i] ?? 'none';
      expect({ i, fault, kind: outcome.ok ? 'ok' : outcome.kind, recorded: first.recorded.has(`msg ${i}`) }).toEqual({
        i,
        fault,
        ...expected[fault],
      });
    });
    const kinds = new Set(first.summary.kinds);
    expect(kinds).toEqual(new Set(['ok', 'retryable', 'unknown']));
    const second = await run();
    expect(second.summary).toEqual(first.summary);
  });
});
