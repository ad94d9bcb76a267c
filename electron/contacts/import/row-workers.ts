import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../../workers';
import type { RowsWorkerData } from './rows-worker';

export interface RowWorkers {
  /**
   * Starts `count` more row workers. Returns the ends of their channels: `ports` for the reader (batches out),
   * `resultPorts` for the writer (results in); transfer each to its thread.
   */
  start(count: number): { ports: MessagePort[]; resultPorts: MessagePort[] };
  /** how many have been started */
  readonly count: number;
  /** resolves when a row worker fails to start or dies early, so the import can stop */
  failed: Promise<Error>;
  terminate(): Promise<void>;
}

/**
 * The row workers of one import. run.ts starts the first together with the reader and the import worker, so that
 * loading their code (a large share of a small import's time) happens while those load their own, and more only
 * when the reader finds the first falling behind (rows-pool.ts).
 */
export function rowWorkers(): RowWorkers {
  const workers: Worker[] = [];
  let reportFailure: (e: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
  return {
    start(count) {
      const ports: MessagePort[] = [];
      const resultPorts: MessagePort[] = [];
      for (let i = 0; i < count; i++) {
        const { port1, port2 } = new MessageChannel();
        const results = new MessageChannel();
        const worker = startWorker('contacts-rows-worker', import.meta.url, {
          workerData: { port: port1, resultPort: results.port1 } satisfies RowsWorkerData,
          transferList: [port1, results.port1],
          // Each worker's young generation is bounded: the row workers are not what limits an import's speed, and
          // two default-sized ones would cost a million-row import about 60 MB of its 500 MB budget.
          resourceLimits: { maxYoungGenerationSizeMb: 8 },
        });
        worker.on('error', (e) => reportFailure(e));
        workers.push(worker);
        ports.push(port2);
        resultPorts.push(results.port2);
      }
      return { ports, resultPorts };
    },
    get count() {
      return workers.length;
    },
    failed,
    terminate: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}
