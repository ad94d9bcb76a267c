import { readFileSync } from 'node:fs';

/**
 * This (main) thread's own CPU time in ms, from Linux's schedstat (nanoseconds; the main thread's id is the process
 * id), or null where there is none. On a loaded shared machine a stretch of wall clock also counts the time the
 * thread waited for a core; its CPU time is what the code itself cost. The kernel brings a running thread's figure up
 * to date at each scheduler tick and switch, so a stretch shorter than a tick (1–4 ms) may read 0.
 */
export function mainThreadCpuMs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** The longest stretch of synchronous work measured since the last reset, in wall-clock ms and in this thread's CPU ms. */
export class LongestStretch {
  wallMs = 0;
  cpuMs = 0;
  measure<T>(work: () => T): T {
    const cpu0 = mainThreadCpuMs();
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.wallMs = Math.max(this.wallMs, performance.now() - t0);
      const cpu1 = mainThreadCpuMs();
      if (cpu0 !== null && cpu1 !== null) this.cpuMs = Math.max(this.cpuMs, cpu1 - cpu0);
    }
  }
  reset(): void {
    this.wallMs = 0;
    this.cpuMs = 0;
  }
}
