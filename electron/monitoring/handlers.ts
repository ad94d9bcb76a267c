import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import { monitoringOverview } from './overview';
import type { MonitoringServices } from './services';

type MonitoringHandlers = Pick<
  Handlers,
  | 'monitoring:overview'
  | 'monitoring:dashboard'
  | 'deadletters:list'
  | 'deadletters:get'
  | 'deadletters:update'
  | 'deadletters:replay'
  | 'reconciliation:run'
  | 'reconciliation:runs'
  | 'health:check'
  | 'health:history'
>;

export function createMonitoringHandlers(core: DeskCore, monitoring: MonitoringServices): MonitoringHandlers {
  return {
    'monitoring:overview': () => monitoringOverview(core.db),
    'monitoring:dashboard': () => monitoring.dashboard(),
    'deadletters:list': (q) => monitoring.deadLetters.list(q),
    'deadletters:get': ({ id }) => monitoring.deadLetters.get(id),
    'deadletters:update': ({ id, event }) => monitoring.deadLetters.update(id, event),
    'deadletters:replay': ({ id }) => {
      const detail = monitoring.deadLetters.replay(id);
      core.events.emit('app:dataChanged', { area: 'inbox' });
      return detail;
    },
    'reconciliation:run': async ({ since, until, provider }) => {
      const [run] = await monitoring.reconciler.run({
        trigger: 'manual',
        provider,
        since: since ? new Date(since) : undefined,
        until: until ? new Date(until) : undefined,
      });
      core.audit('reconciliation.run', `reconciliation:${run.id}`, {
        provider: run.provider,
        since: run.since,
        until: run.until,
        status: run.status,
      });
      return run;
    },
    'reconciliation:runs': ({ limit }) => monitoring.reconciler.runs(limit),
    'health:check': () => monitoring.health.run('manual'),
    'health:history': ({ limit }) => monitoring.health.history(limit),
  };
}
