import { safeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { isSecretName } from '../../shared/settings';
import { createFileSecretStore, writePrivateJson, type SecretStore } from '../settings/secrets';

/**
 * Secrets encrypted with the OS keychain through safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * On Linux without a keyring, safeStorage falls back to "basic_text" — obfuscation, not encryption — so we treat
 * that as unavailable and use the 0600 file, saying so plainly.
 */
export function createSecretStore(paths: { safeSecretsFile: string; secretsFile: string }): SecretStore {
  const backend =
    process.platform === 'linux' && safeStorage.isEncryptionAvailable()
      ? safeStorage.getSelectedStorageBackend()
      : null;
  const usable = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  const file = createFileSecretStore(
    paths.secretsFile,
    backend === 'basic_text'
      ? 'no system keyring (gnome-keyring or kwallet) is running, so the OS cannot encrypt them'
      : 'the system keychain is unavailable',
  );
  if (!usable) return file;

  const read = (): Record<string, string> =>
    existsSync(paths.safeSecretsFile)
      ? (JSON.parse(readFileSync(paths.safeSecretsFile, 'utf8')) as Record<string, string>)
      : {};
  const store: SecretStore = {
    info: () => ({
      backend: 'safeStorage',
      location: paths.safeSecretsFile,
      note: `Secrets are encrypted by your operating system's keychain${backend ? ` (${backend})` : ''}.`,
    }),
    get(name) {
      const enc = read()[name];
      if (enc) return safeStorage.decryptString(Buffer.from(enc, 'base64'));
      // Set from the CLI (which has no keychain): still readable, and moved into the keychain on next write.
      return file.get(name);
    },
    set(name, value) {
      const all = read();
      all[name] = safeStorage.encryptString(value).toString('base64');
      writePrivateJson(paths.safeSecretsFile, all);
      file.delete(name);
    },
    delete(name) {
      const all = read();
      delete all[name];
      writePrivateJson(paths.safeSecretsFile, all);
      file.delete(name);
    },
    names() {
      const enc = Object.keys(read())
        .filter(isSecretName)
        .map((name) => ({ name, backend: 'safeStorage' as const }));
      const plain = file.names().filter((n) => !enc.some((e) => e.name === n.name));
      return [...enc, ...plain];
    },
  };
  // Move secrets the CLI wrote in plain text into the keychain, so they do not linger on disk.
  for (const { name } of file.names()) {
    const value = file.get(name);
    if (value) store.set(name, value);
  }
  return store;
}
