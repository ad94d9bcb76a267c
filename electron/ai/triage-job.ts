import type { DeskCore } from '../core';
import { geminiConnection } from './connection';
import { GeminiProblem } from './gemini-client';
import { triageReply } from './triage';
import { repliesWaitingForTriage } from './triage-queries';

/**
 * Background reply triage: off the inbound path (the relay stores a reply and the STOP rules run without waiting
 * for it), one reply at a time at most `gemini.triagePerMinute` a minute, and a long pause after a problem with
 * the connection (key, retired model, 429, outage) so a broken setup never turns into a request loop.
 */

type JobDeps = Pick<DeskCore, 'db' | 'kdb' | 'settings' | 'secrets' | 'now'>;

const IDLE_MS = 10_000;
const PAUSE_AFTER_PROBLEM_MS = 5 * 60_000;
/** Replies older than this when Gemini is first connected are left alone. */
const LOOK_BACK_MS = 14 * 24 * 3600_000;

// The last connection problem per database, for Settings (the job and the handlers share the app's core).
const lastProblems = new WeakMap<object, string>();

export function lastTriageProblem(deps: Pick<DeskCore, 'db'>): string | null {
  return lastProblems.get(deps.db) ?? null;
}

/** One step: labels the oldest waiting reply. Answers how long to wait before the next step. */
export async function triageNextReply(deps: JobDeps): Promise<{ labelled: number; waitMs: number }> {
  if (!deps.settings.get('gemini.triageReplies') || !geminiConnection(deps)) return { labelled: 0, waitMs: IDLE_MS };
  const since = new Date(deps.now().getTime() - LOOK_BACK_MS).toISOString();
  const [reply] = await repliesWaitingForTriage(deps.kdb, since, 1);
  if (!reply) return { labelled: 0, waitMs: IDLE_MS };
  try {
    await triageReply(deps, reply.id);
    lastProblems.delete(deps.db);
    return { labelled: 1, waitMs: Math.ceil(60_000 / deps.settings.get('gemini.triagePerMinute')) };
  } catch (err) {
    if (!(err instanceof GeminiProblem)) throw err;
    lastProblems.set(deps.db, err.message);
    return { labelled: 0, waitMs: PAUSE_AFTER_PROBLEM_MS };
  }
}

export interface ReplyTriageJob {
  stop(): Promise<void>;
}

export function startReplyTriage(deps: JobDeps, log: (msg: string, err?: unknown) => void): ReplyTriageJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const later = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(step, ms);
    timer.unref();
  };
  const step = () => {
    running = triageNextReply(deps)
      .then(({ waitMs }) => later(waitMs))
      .catch((err) => {
        log('reply triage failed', err);
        later(PAUSE_AFTER_PROBLEM_MS);
      });
  };
  later(IDLE_MS);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
