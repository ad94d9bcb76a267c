import type { ProviderName } from '../../shared/ipc/channels/monitoring';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';

/**
 * What each provider still needs before it can send, in words ("the Quo API key"); an empty list means it is set up.
 * Monitoring says "not set up" for those rather than "sending normally".
 */
export function providerSetup(
  settings: Pick<SettingsStore, 'get'>,
  secrets: Pick<SecretStore, 'get'>,
): Record<ProviderName, string[]> {
  const missing = (pairs: Array<[boolean, string]>) => pairs.filter(([present]) => !present).map(([, what]) => what);
  return {
    sandbox: [],
    quo: missing([
      [!!secrets.get('quo.apiKey'), 'the Quo API key'],
      [settings.get('quo.from').trim() !== '', 'the Quo sending number'],
    ]),
    twilio: missing([
      [settings.get('twilio.accountSid').trim() !== '', 'the Twilio Account SID'],
      [!!secrets.get('twilio.authToken'), 'the Twilio Auth Token'],
      [settings.get('twilio.from').trim() !== '', 'the Twilio sending number'],
    ]),
  };
}
