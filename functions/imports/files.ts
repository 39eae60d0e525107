import { documentStore, type DocumentStore } from '../shared/documents.js';
import type { RowError } from './schema.js';
import type { ValidRow } from './rows.js';

/** What a chunk object holds: its rows, and the column each field came from (to name it in errors). */
export interface ChunkFile {
  rows: ValidRow[];
  columns: Record<string, string>;
}

/** One tenant's import files in the documents bucket, under `imports/{tenantId}/`. */
export function importFiles(tenantId: string, store: DocumentStore = documentStore({ area: 'imports', tenantId })) {
  const at = (rest: string) => `${store.prefix}${rest}`;
  const json = async <T>(key: string): Promise<T> =>
    JSON.parse(new TextDecoder().decode((await store.get(key)).body)) as T;
  return {
    uploadKey: (uploadId: string) => at(`uploads/${uploadId}.csv`),
    presignUpload: (uploadId: string) => store.presignPut(at(`uploads/${uploadId}.csv`), 'text/csv'),
    uploadSize: (uploadId: string) => store.size(at(`uploads/${uploadId}.csv`)),
    readUpload: async (uploadId: string) =>
      new TextDecoder().decode((await store.get(at(`uploads/${uploadId}.csv`))).body),
    putChunk: (importId: string, chunk: number, file: ChunkFile) =>
      store.put(at(`${importId}/chunk-${chunk}.json`), JSON.stringify(file), 'application/json'),
    readChunk: (importId: string, chunk: number) => json<ChunkFile>(at(`${importId}/chunk-${chunk}.json`)),
    /** Problems found before any row was written (the schema's), kept for the error report. */
    putCheckErrors: (importId: string, errors: RowError[]) =>
      store.put(at(`${importId}/check-errors.json`), JSON.stringify(errors), 'application/json'),
    readCheckErrors: (importId: string) => json<RowError[]>(at(`${importId}/check-errors.json`)),
    reportKey: (importId: string) => at(`${importId}/errors.csv`),
    putReport: (importId: string, csv: string) =>
      store.put(at(`${importId}/errors.csv`), csv, 'text/csv; charset=utf-8'),
    presignReport: (key: string) => store.presignGet(key, { expiresInSeconds: 3600 }),
  };
}
export type ImportFiles = ReturnType<typeof importFiles>;
