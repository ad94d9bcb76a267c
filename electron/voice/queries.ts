import type { SqliteDb } from '../db/connection';
import { firstRow, qb } from '../db/sync-query';

/** The call as built (voice_json) of the outbox call Twilio or the Sandbox placed under this CallSid. */
export function voiceJsonOfCall(db: SqliteDb, callSid: string): string | null {
  const row = firstRow(
    db,
    qb
      .selectFrom('outbox_messages')
      .select('voice_json')
      .where('provider', 'in', ['twilio_voice', 'sandbox_voice'])
      .where('provider_message_id', '=', callSid),
  );
  return row?.voice_json ?? null;
}
