import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// electron-builder.yml read and checked by electron-builder's own loader and schema (a misspelt fuse name fails).
describe('electron-builder.yml', () => {
  it('is valid for electron-builder and flips the hardening fuses', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
    // The app code comes only from app.asar: packing into an asar must stay on.
    expect(config.asar).not.toBe(false);
  });

  it('signs only from environment variables: no certificate, password or Apple account in the file', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.forceCodeSigning).toBe(false);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    const text = JSON.stringify(config);
    for (const secret of [
      'cscLink',
      'cscKeyPassword',
      'certificateFile',
      'certificatePassword',
      'identity',
      'appleId',
      'password',
    ])
      expect([secret, text.includes(`"${secret}"`)]).toEqual([secret, false]);
  });
});
