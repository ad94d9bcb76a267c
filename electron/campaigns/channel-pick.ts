import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Channel } from '../../shared/types/domain';
import { reachableOn } from '../compliance';
import { E164_SQL } from '../contacts';
import { qb } from '../db/sync-query';

/** A constant of the compiled definition, written into the SQL text (they are only numbers and ''). */
function literal(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  throw new AppError('internal', `reachableOn compiled to a parameter the snapshot cannot inline: ${String(v)}`);
}

/**
 * reachableOn (electron/compliance, the one definition) as SQL over the snapshot's `contacts c`: compiled by Kysely
 * once, the table name turned into the alias and its constants inlined, so the raw statements of the snapshot read
 * exactly what the typed queries read (tests/unit/campaigns/channel-pick.test.ts checks they agree).
 */
export function reachableSql(channel: Channel): string {
  const compiled = qb
    .selectFrom('contacts')
    .select('id')
    .where((eb) => reachableOn(eb, channel))
    .compile();
  const where = compiled.sql.slice(compiled.sql.indexOf(' where ') + ' where '.length);
  let i = 0;
  return where.replaceAll('"contacts".', 'c.').replace(/\?/g, () => literal(compiled.parameters[i++]));
}

/**
 * A usable address on the channel: a valid mobile number for a text or a call, an address with an @ for e-mail.
 * Read when called, not when this module loads: the contacts domain reaches this module back through the campaigns
 * domain, so E164_SQL may not be initialised yet while it loads (a bench that imports contacts first failed so).
 */
const addressSql = (channel: Channel): string => (channel === 'email' ? `c.email LIKE '_%@_%'` : E164_SQL);

const cache = new Map<Channel, string>();

/** 1 when the contact may be reached on the channel and has an address for it, else 0 (never NULL). */
export function canReachSql(channel: Channel): string {
  let sql = cache.get(channel);
  if (!sql) {
    sql = `(CASE WHEN (${reachableSql(channel)}) AND ${addressSql(channel)} THEN 1 ELSE 0 END)`;
    cache.set(channel, sql);
  }
  return sql;
}

/**
 * Who gets the campaign on `channel`: with `everyChannel` everyone reachable on it; otherwise only those reachable
 * on it and on none of the channels the owner put before it (the first channel in the owner's order wins).
 */
export function pickSql(channels: readonly Channel[], channel: Channel, everyChannel: boolean): string {
  const at = channels.indexOf(channel);
  if (at < 0) throw new AppError('internal', `Channel ${channel} is not one of the campaign's channels.`);
  const earlier = everyChannel ? [] : channels.slice(0, at);
  return [`${canReachSql(channel)} = 1`, ...earlier.map((e) => `${canReachSql(e)} = 0`)].join(' AND ');
}

/** Reachable on none of the channels: the campaign does not go to them. */
export function unreachableSql(channels: readonly Channel[]): string {
  return channels.map((c) => `${canReachSql(c)} = 0`).join(' AND ');
}

/**
 * The same three rules as Kysely expressions over `contacts c`, for the typed queries that count what the snapshot
 * will pick (the wizard's live counts): built from the very text the snapshot runs, so the two cannot disagree.
 */
export const channelPick = {
  /** 1 when the contact may be reached on the channel and has an address for it, else 0. */
  canReach: (channel: Channel): RawBuilder<number> => sql<number>`${sql.raw(canReachSql(channel))}`,
  /** The contact gets the campaign on `channel` (see pickSql). */
  gets: (channels: readonly Channel[], channel: Channel, everyChannel: boolean): RawBuilder<SqlBool> =>
    sql<SqlBool>`(${sql.raw(pickSql(channels, channel, everyChannel))})`,
  /** Reachable on none of the channels. */
  unreachable: (channels: readonly Channel[]): RawBuilder<SqlBool> =>
    sql<SqlBool>`(${sql.raw(unreachableSql(channels))})`,
};
