import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of a bulk writer thread (an import's writer): below the main thread's 0, so the main thread goes
 * first, and above the threads that serve it.
 */
export const WRITER_NICE = 2;
/**
 * Lower still: threads that serve a bulk writer (an import's reader and row workers, WAL checkpoints). On two
 * cores they share the second core with the JavaScript engine's own helper threads; given way to, the writer,
 * which is what an import waits for, runs more of the time (a million-row import 0.3–0.5 s sooner than with
 * every import thread at nice 5).
 */
export const HELPER_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority. On a machine with two cores an import keeps both busy
 * (its writer, its row workers, the WAL checkpoints); at a lower priority they give way whenever Electron's main
 * thread has work, so the interface is never held up by them. Linux sets a thread's own nice value by its thread
 * id; elsewhere, or if the system refuses, the thread stays as it is. Never lowers the process's main thread.
 */
export function runInBackground(nice: number): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) setPriority(tid, nice);
  } catch {
    // no /proc, or not allowed: stay as is
  }
}
