import type { Migration } from './types';

/** The same SQL on SQLite and PostgreSQL. */
const SQL = `
    ALTER TABLE outbox_messages ADD COLUMN call_answered_by TEXT;
    ALTER TABLE outbox_messages ADD COLUMN call_duration_s INTEGER;
`;

/**
 * How a call ended (issue 18, voice): who answered according to Twilio's answering-machine detection (`AnsweredBy`:
 * human, machine_end_beep, machine_end_silence, fax, unknown …) and how long it lasted (`CallDuration`, seconds), from
 * the call's status callbacks. Kept on the outbox row beside its state (answered/completed → delivered; busy,
 * no-answer → undelivered; failed, canceled → failed).
 */
export const m0024: Migration = {
  version: 24,
  name: 'call_outcomes',
  up(db) {
    db.exec(SQL);
  },
  postgres: SQL,
};
