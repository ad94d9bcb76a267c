import type { VoiceProviderId } from '../providers';
import type { SettingsStore } from '../settings/store';
import type { VoiceContent } from '../../shared/voice/script';
import { buildCall, voiceRelayUrls, type BuildCallInput, type BuiltCall } from './call';

type Settings = Pick<SettingsStore, 'get'>;

/** The outbox provider that places calls: Twilio, or the Sandbox's simulation. */
export function voiceProviderId(settings: Settings): VoiceProviderId {
  return settings.get('voice.provider') === 'twilio' ? 'twilio_voice' : 'sandbox_voice';
}

/**
 * Where Twilio posts key presses: the relay's public URL. The Sandbox needs no tunnel, so it falls back to the
 * relay on this machine.
 */
function relayBase(settings: Settings): string {
  const publicUrl = settings.get('webhooks.publicUrl');
  if (publicUrl) return publicUrl;
  return settings.get('voice.provider') === 'twilio' ? '' : `http://127.0.0.1:${settings.get('webhooks.port')}`;
}

/** Everything of a call that comes from the settings (who calls, from which number, in which voice). */
export function callSettings(settings: Settings): Omit<BuildCallInput, 'script' | 'recordingUrl'> {
  const from = settings.get('twilio.from');
  const base = relayBase(settings);
  return {
    voice: settings.get('voice.voice'),
    language: settings.get('voice.language'),
    optOutDigit: settings.get('voice.optOutDigit'),
    business: {
      name: settings.get('voice.businessName') || settings.get('business.name'),
      callbackNumber: settings.get('voice.callbackNumber') || (/^\+\d+$/.test(from) ? from : ''),
    },
    relayUrls: { gather: base ? voiceRelayUrls(base).gather : '' },
  };
}

/** A call for one contact from already rendered voice content (variables filled in) and the current settings. */
export function buildCallFromSettings(settings: Settings, content: VoiceContent): BuiltCall {
  return buildCall({ ...callSettings(settings), script: content.script, recordingUrl: content.recordingUrl });
}
