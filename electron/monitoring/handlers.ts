import { AppError } from '../../shared/errors';
import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import type { MonitoringServices } from './services';

type MonitoringHandlers = Pick<
  Handlers,
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

export function createMonitoringHandlers(core: DeskCore): MonitoringHandlers {
  const services = (): MonitoringServices => {
    if (!core.monitoring) throw new AppError('internal', 'Monitoring is not available in this process.');
    return core.monitoring;
  };
  return {
    'monitoring:dashboard': () => services().dashboard(),
    'deadletters:list': (q) => services().deadLetters.list(q),
    'deadletters:get': ({ id }) => services().deadLetters.get(id),
    'deadletters:update': ({ id, event }) => services().deadLetters.update(id, event),
    'deadletters:replay': ({ id }) => {
      const detail = services().deadLetters.replay(id);
      core.events.emit('app:dataChanged', { area: 'inbox' });
      return detail;
    },
    'reconciliation:run': async ({ since, until, provider }) => {
      const [run] = await services().reconciler.run({ trigger: 'manual', provider, since: since ? new Date(since) : undefined, until: until ? new Date(until) : undefined });
      core.audit('reconciliation.run', `reconciliation:${run.id}`, { provider: run.provider, since: run.since, until: run.until, status: run.status });
      return run;
    },
    'reconciliation:runs': ({ limit }) => services().reconciler.runs(limit),
    'health:check': () => services().health.run('manual'),
    'health:history': ({ limit }) => services().health.history(limit),
  };
}
