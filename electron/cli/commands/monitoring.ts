import { AppError } from '../../../shared/errors';
import type { DeadLetterRow, ReconciliationRun } from '../../../shared/ipc/channels/monitoring';
import { call, callLoose, defineCommand, UsageError, type Command } from '../framework';

/** An ISO date-time, or a date (midnight UTC), as given on the command line. */
function isoOption(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at))
    throw new UsageError(`--${name} must be an ISO date or date-time (e.g. 2026-11-28T09:00:00Z), got "${text}"`);
  return new Date(at).toISOString();
}

function runText(run: ReconciliationRun): string {
  const lines = [
    `Reconciliation ${run.id} (${run.provider}, ${run.since} → ${run.until}): ${run.status}${run.error ? ` — ${run.error}` : ''}`,
  ];
  const diff = run.diff;
  if (!diff) return lines.join('\n');
  lines.push(
    `Listed at the provider: ${diff.listed.outgoing} outgoing, ${diff.listed.incoming} incoming (${diff.listing ?? 'no'} listing).`,
  );
  for (const f of diff.statusesFixed)
    lines.push(`  status  ${f.phone}  ${f.before} → ${f.after}${f.errorCode ? ` (${f.errorCode})` : ''}`);
  for (const u of diff.unknownResolved) lines.push(`  unknown ${u.phone}  → ${u.after}: ${u.reason}`);
  for (const u of diff.unknownPending) lines.push(`  waiting ${u.phone}  ${u.reason}`);
  for (const i of diff.inboundIngested)
    lines.push(`  inbound ${i.from}  "${i.body}"${i.keyword ? ` [${i.keyword}]` : ''}`);
  for (const o of diff.optOutsFound) lines.push(`  opt-out ${o.phone}  (missed STOP, now processed)`);
  if (diff.unmatchedOutgoing)
    lines.push(`  ${diff.unmatchedOutgoing} text(s) at the provider were not sent by this app (left alone).`);
  for (const e of diff.errors) lines.push(`  error   ${e}`);
  if (lines.length === 2) lines.push('Nothing to fix: the provider and this app agree.');
  return lines.join('\n');
}

const deadLetterLine = (r: DeadLetterRow) =>
  `${String(r.id).padStart(6)}  ${r.state.padEnd(6)}  ${r.provider.padEnd(7)}  ${String(r.attempts).padStart(2)}×  ${r.summary}${r.lastError ? `  — ${r.lastError}` : ''}`;

export const monitoringCommands: Command[] = [
  defineCommand({
    name: 'reconcile',
    usage: 'reconcile [--since ISO] [--until ISO] [--provider sandbox|quo|twilio] [--json]',
    summary:
      "Compare the provider's messages with the outbox and inbox now and fix what webhooks missed; prints the diff report.",
    options: { since: { type: 'string' }, until: { type: 'string' }, provider: { type: 'string' } },
    async run(ctx, { values }) {
      const provider = values.provider;
      if (provider !== undefined && !['sandbox', 'quo', 'twilio'].includes(String(provider)))
        throw new UsageError(`--provider must be sandbox, quo or twilio, got "${String(provider)}"`);
      const run = await callLoose(await ctx.app(), 'reconciliation:run', {
        since: isoOption('since', values.since),
        until: isoOption('until', values.until),
        provider,
      });
      if (run.status === 'failed')
        throw new AppError('provider_error', `Reconciliation ${run.id} failed: ${run.error ?? 'unknown error'}`);
      return { json: run, text: runText(run) };
    },
  }),
  defineCommand({
    name: 'health',
    usage: 'health [--json]',
    summary: 'Run the webhook health checks now (relay, tunnel, webhook lag, registration); exits 0 even when red.',
    async run(ctx) {
      const report = await call(await ctx.app(), 'health:check', {});
      const mark = { green: '✓', yellow: '!', red: '✗', skipped: '–' } as const;
      const text = [
        `Health: ${report.status.toUpperCase()} — ${report.reason}`,
        ...report.checks.map((c) => `  ${mark[c.status]} ${c.label.padEnd(21)} ${c.detail}`),
      ].join('\n');
      return { json: report, text };
    },
  }),
  defineCommand({
    name: 'deadletters list',
    usage: 'deadletters list [--dead | --failing] [--json]',
    summary:
      'Provider events whose processing failed: being retried (failing) or set aside after the last attempt (dead).',
    options: { dead: { type: 'boolean' }, failing: { type: 'boolean' } },
    async run(ctx, { values }) {
      if (values.dead && values.failing) throw new UsageError('use --dead or --failing, not both');
      const state = values.dead ? 'dead' : values.failing ? 'failed' : 'all';
      const list = await call(await ctx.app(), 'deadletters:list', { state, limit: 500 });
      const text = list.rows.length
        ? [`${list.total} event(s):`, ...list.rows.map(deadLetterLine)].join('\n')
        : 'No dead letters and no failing events.';
      return { json: list, text };
    },
  }),
  defineCommand({
    name: 'deadletters replay',
    usage: 'deadletters replay <id> [--json]',
    summary: 'Put a dead letter (or failing event) back in the queue with its attempts reset, and process it now.',
    args: { min: 1, max: 1 },
    async run(ctx, { positionals: [id] }) {
      if (!/^\d+$/.test(id) || Number(id) < 1) throw new UsageError(`event id must be a positive number, got "${id}"`);
      const detail = await call(await ctx.app(), 'deadletters:replay', { id: Number(id) });
      const text =
        detail.state === 'processed'
          ? `Event ${detail.id} replayed and processed.`
          : `Event ${detail.id} replayed but failed again: ${detail.lastError ?? 'unknown error'} (it will be retried).`;
      return { json: detail, text };
    },
  }),
];
