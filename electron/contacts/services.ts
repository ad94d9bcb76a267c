import type { DeskCore } from '../core';
import type { FetchLike } from '../http/client';
import { createImportJobs, type ImportJobs } from './import-jobs';
import { createNumberChecker, type NumberChecker } from './numverify-cache';
import { createSearchIndexer, queuedForSearch, type SearchIndexer } from './search-index';
import { removeUpload } from './uploads';

/** NumVerify tuning for tests: the fake server needs no real pauses. */
export interface NumVerifyTuning {
  fetch?: FetchLike;
  concurrency?: number;
  backoffMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

/** The long-lived parts of the contacts domain: background imports, the search indexer, the NumVerify checker. */
export interface ContactServices {
  imports: ImportJobs;
  search: SearchIndexer;
  numbers: NumberChecker;
  /** Which upload each running import reads, so it is removed once imported. */
  uploadOf: Map<string, string>;
  /** better_sqlite3.node for the import and undo workers (Electron's ABI). */
  nativeBinding?: string;
  close(): Promise<void>;
}

export function createContactServices(
  core: DeskCore,
  options: { nativeBinding?: string; log?: (msg: string, err?: unknown) => void; numverify?: NumVerifyTuning } = {},
): ContactServices {
  const log = options.log ?? (() => undefined);
  const search = createSearchIndexer(core.db, log);
  const uploadOf = new Map<string, string>();
  const imports = createImportJobs({
    db: core.db,
    dbPath: core.paths.dbPath,
    now: core.now,
    events: core.events,
    nativeBinding: options.nativeBinding,
    log,
    onFinished: (job) => {
      const fileId = uploadOf.get(job.importId);
      uploadOf.delete(job.importId);
      if (job.dryRun) return;
      // An imported file is not needed again; a failed or cancelled one stays so the owner can try again.
      if (fileId && job.state === 'done') removeUpload(core.paths.dataDir, fileId);
      search.catchUp();
    },
  });
  const numbers = createNumberChecker({
    db: core.db,
    now: core.now,
    baseUrl: () => core.settings.get('numverify.baseUrl'),
    accessKey: () => core.secrets.get('numverify.apiKey'),
    ...options.numverify,
  });
  // Contacts changed by another process (the CLI) or before a crash wait in the search queue.
  if (queuedForSearch(core.db, 1) > 0) search.catchUp();
  return {
    imports,
    search,
    numbers,
    uploadOf,
    nativeBinding: options.nativeBinding,
    async close() {
      await imports.close();
      await search.close();
    },
  };
}
