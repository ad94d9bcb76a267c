import { fork } from 'node:child_process';

/**
 * Runs a kill test's bundled child (tests/helpers/child-bundle.ts) with `args`; with `killAt`, SIGKILLs it once
 * `received()` reaches `after` (counted from the child's first message, "started"). A child that SIGKILLs itself
 * counts as killed too. Rejects when the child fails otherwise.
 */
export function runKillableChild(
  childJs: string,
  args: string[],
  killAt: { after: number; received: () => number } | null,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = fork(childJs, args, {
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    let timer: NodeJS.Timeout | null = null;
    if (killAt)
      child.on('message', () => {
        timer = setInterval(() => {
          if (killAt.received() >= killAt.after) {
            if (timer) clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 1);
      });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}
