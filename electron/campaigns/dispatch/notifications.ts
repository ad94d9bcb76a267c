import type { EventBus } from '../../events/bus';
import type { DispatchEventBus } from './events';

/**
 * What the owner hears about sending (a desktop notification when the window is hidden): finished campaigns,
 * campaigns paused because a send could not be made, providers that stopped answering. Returns what stops it.
 */
export function notifyOwnerOfSending(dispatch: Pick<DispatchEventBus, 'on'>, app: Pick<EventBus, 'emit'>): () => void {
  const stops = [
    dispatch.on('campaign:finished', ({ name, counts: n }) => {
      const failed = (n.failed ?? 0) + (n.undelivered ?? 0);
      app.emit('app:notify', {
        title: `Campaign "${name}" finished`,
        body: `${(n.sent ?? 0) + (n.delivered ?? 0)} sent, ${failed} failed${n.unknown ? `, ${n.unknown} to be checked` : ''}.`,
        level: failed || n.unknown ? 'warning' : 'info',
      });
    }),
    dispatch.on('campaign:pausedBySendError', ({ message }) =>
      app.emit('app:notify', { title: 'Campaign paused', body: message, level: 'error' }),
    ),
    dispatch.on('provider:breaker', ({ provider, state }) => {
      if (state === 'open')
        app.emit('app:notify', {
          title: `${provider} is not answering`,
          body: 'Sending is paused and will resume by itself when the provider is back.',
          level: 'warning',
        });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
