import { formatPhone } from '../../../../shared/phone-format';
import { spokenCall } from '../../../../shared/voice/script';
import type { CallSetup } from '../../../../shared/ipc/channels/voice';

/**
 * What every call of a call A/B test says around its variant, whichever variant it is: the app builds each call with
 * the business and its number first, the key-press opt-out within 2 seconds, and the closing with the number again.
 */
export function VoiceVariantFrame({ setup }: { setup: CallSetup }) {
  const business = { name: setup.businessName || '(your business name)', callbackNumber: setup.callbackNumber };
  const phone = (n: string) => (n ? formatPhone(n) : '(your callback number)');
  const call = spokenCall({ message: { kind: 'say', text: '' }, business, optOutDigit: setup.optOutDigit }, phone);
  return (
    <p className="small ab-voice-frame" data-testid="ab-voice-frame">
      Every call, whichever variant it gets, starts with <q>{call.identification}</q> and <q>{call.optOutOffer}</q>,
      then plays its variant, and ends with <q>{call.closing}</q> The app adds these to each variant; pressing{' '}
      {setup.optOutDigit} puts the number on your do-not-call list at once.
    </p>
  );
}
