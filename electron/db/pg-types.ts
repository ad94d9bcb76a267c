import pg from 'pg';

/**
 * How values are read back from PostgreSQL, the same as the SQLite connection gives them, for every PostgreSQL
 * connection of the app (the synchronous bridge's and Kysely's pool): ids (bigint) and sums (numeric) as numbers,
 * booleans as 0/1 (the schema's flags are integers, and a comparison selected as a value reads 1/0 on SQLite),
 * dates and times as the text PostgreSQL prints (the schema keeps ISO text; a Date would differ from SQLite's answer).
 */
const OID = { bool: 16, int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;
const asText = (v: string) => v;

export const deskPgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary') {
      if (oid === OID.int8 || oid === OID.numeric) return Number;
      if (oid === OID.bool) return (v: string) => (v === 't' ? 1 : 0);
      if (oid === OID.date || oid === OID.timestamp || oid === OID.timestamptz) return asText;
    }
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};
