import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/events/bus';
import { createTypedBus } from '../../../electron/events/typed-bus';
import type { DispatchEvents } from '../../../electron/campaigns/dispatch/events';
import { notifyOwnerOfSending } from '../../../electron/campaigns/dispatch/notifications';

function wired() {
  const dispatch = createTypedBus<DispatchEvents>();
  const app = createEventBus();
  const notes: unknown[] = [];
  app.subscribe((name, payload) => name === 'app:notify' && notes.push(payload));
  const stop = notifyOwnerOfSending(dispatch, app);
  return { dispatch, notes, stop };
}

describe("the owner's notifications about sending", () => {
  it('says how a finished campaign went: a warning when some failed or are to be checked', () => {
    const { dispatch, notes } = wired();
    dispatch.emit('campaign:finished', { campaignId: 1, name: 'Spring sale', counts: { sent: 3, delivered: 5 } });
    dispatch.emit('campaign:finished', {
      campaignId: 2,
      name: 'Mothers day',
      counts: { delivered: 4, failed: 1, undelivered: 1, unknown: 2 },
    });
    expect(notes).toEqual([
      { title: 'Campaign "Spring sale" finished', body: '8 sent, 0 failed.', level: 'info' },
      { title: 'Campaign "Mothers day" finished', body: '4 sent, 2 failed, 2 to be checked.', level: 'warning' },
    ]);
  });

  it('tells of a campaign paused by a send error, and of a provider whose breaker opened (not when it closes)', () => {
    const { dispatch, notes } = wired();
    dispatch.emit('campaign:pausedBySendError', { campaignId: 1, message: 'Add your Quo API key in Settings.' });
    dispatch.emit('provider:breaker', { provider: 'quo', state: 'open' });
    dispatch.emit('provider:breaker', { provider: 'quo', state: 'half_open' });
    dispatch.emit('provider:breaker', { provider: 'quo', state: 'closed' });
    expect(notes).toEqual([
      { title: 'Campaign paused', body: 'Add your Quo API key in Settings.', level: 'error' },
      {
        title: 'quo is not answering',
        body: 'Sending is paused and will resume by itself when the provider is back.',
        level: 'warning',
      },
    ]);
  });

  it('stops when told to', () => {
    const { dispatch, notes, stop } = wired();
    stop();
    dispatch.emit('provider:breaker', { provider: 'twilio', state: 'open' });
    expect(notes).toEqual([]);
  });
});
