import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isSecretName, secretDefs, secretNames, type SecretName } from '../../shared/settings';
import type { SecretRow, SecretStorageInfo } from '../../shared/ipc/channels/app';
import { AppError } from '../../shared/errors';

/** Where secrets are kept. The Electron app supplies a keychain-backed store; the CLI and harness use a 0600 file. */
export interface SecretStore {
  info(): SecretStorageInfo;
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
  /** Names that are set and which backend holds each: never the values. */
  names(): Array<{ name: SecretName; backend: 'safeStorage' | 'file' }>;
}

function readJson(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null) return {};
  return parsed as Record<string, string>;
}

/** Writes atomically with owner-only permissions, so a crash never leaves a half-written or world-readable file. */
export function writePrivateJson(path: string, data: Record<string, string>): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  chmodSync(path, 0o600);
}

/**
 * Plain-text secrets in a file only its owner can read. Used where no OS keychain is available
 * (CLI, browser harness, Linux with safeStorage's basic_text backend) — and said so plainly.
 */
export function createFileSecretStore(path: string, reason: string): SecretStore {
  return {
    info: () => ({
      backend: 'file',
      location: path,
      note: `Secrets are stored unencrypted in ${path} (readable only by your user account, mode 0600) because ${reason}.`,
    }),
    get(name) {
      return readJson(path)[name];
    },
    set(name, value) {
      const all = readJson(path);
      all[name] = value;
      writePrivateJson(path, all);
    },
    delete(name) {
      const all = readJson(path);
      if (!(name in all)) return;
      delete all[name];
      writePrivateJson(path, all);
    },
    names() {
      return Object.keys(readJson(path))
        .filter(isSecretName)
        .map((name) => ({ name, backend: 'file' as const }));
    },
  };
}

export function secretRows(store: SecretStore): SecretRow[] {
  const set = new Map(store.names().map((n) => [n.name, n.backend]));
  return secretNames.map((name) => ({
    name,
    description: secretDefs[name],
    isSet: set.has(name),
    backend: set.get(name) ?? null,
  }));
}

export function requireSecret(store: SecretStore, name: SecretName, purpose: string): string {
  const value = store.get(name);
  if (!value) {
    throw new AppError(
      'secret_unavailable',
      `The secret ${name} is not set; it is needed ${purpose}. Set it in Settings or with \`secrets set ${name}\`.`,
    );
  }
  return value;
}
