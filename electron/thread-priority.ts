import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of the app's bulk worker threads: below the main thread's 0, so the main thread goes first. */
export const BACKGROUND_NICE = 5;
/**
 * Lower still: threads that serve a bulk writer (an import's row workers, WAL checkpoints). On two cores they
 * share the writer's second core with the JavaScript engine's helpers; given way to, the writer, which is what an
 * import waits for, runs more of the time (a million-row import about 0.3 s sooner).
 */
export const HELPER_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority. On a machine with two cores an import keeps both busy
 * (its writer, its row workers, the WAL checkpoints); at a lower priority they give way whenever Electron's main
 * thread has work, so the interface is never held up by them. Linux sets a thread's own nice value by its thread
 * id; elsewhere, or if the system refuses, the thread stays as it is. Never lowers the process's main thread.
 */
export function runInBackground(nice: number = BACKGROUND_NICE): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, nice);
  } catch {
    // no /proc, or not allowed: stay as is
  }
}
