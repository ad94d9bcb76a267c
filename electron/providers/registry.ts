import type { SqliteDb } from '../db/connection';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import type { ProviderEvent } from '../webhooks/events';
import { createSandboxProvider } from './sandbox';
import type { Provider, ProviderId } from './types';
import { AppError } from '../../shared/errors';

export interface ProviderDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  settings: SettingsStore;
  secrets: SecretStore;
  emit: (e: ProviderEvent) => void;
}

export function createProviders(deps: ProviderDeps) {
  const sandbox = createSandboxProvider({
    db: deps.db,
    now: deps.now,
    random: deps.random,
    emit: deps.emit,
    settings: () => ({
      deliveryDelayMs: deps.settings.get('sandbox.deliveryDelayMs'),
      failureRate: deps.settings.get('sandbox.failureRate'),
      replyRate: deps.settings.get('sandbox.replyRate'),
      stopRate: deps.settings.get('sandbox.stopRate'),
    }),
  });
  return {
    sandbox,
    get(id: ProviderId): Provider {
      if (id === 'sandbox') return sandbox;
      throw new AppError('provider_error', `The ${id} provider is not available in this build.`);
    },
  };
}
