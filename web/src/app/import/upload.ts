import Papa from 'papaparse';
import { importsApi } from '../../../../functions/imports/contract';
import { MAX_INLINE_CSV } from '../../../../functions/imports/schema';
import type { ApiClient } from '../../shared/api';

/** A chosen file: its text, its header row and a few rows to show beside the mapping. */
export interface CsvFile {
  name: string;
  text: string;
  headers: string[];
  sample: Record<string, string>[];
}

/** Reads a CSV file in the browser, only as far as the headers and a sample (the API checks it whole). */
export async function readCsv(file: File): Promise<CsvFile> {
  const text = await file.text();
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    preview: 3,
    transformHeader: (h) => h.trim(),
  });
  return { name: file.name, text, headers: (parsed.meta.fields ?? []).filter(Boolean), sample: parsed.data };
}

/** Where the API reads the file from: inline when it fits a request body, else uploaded once to S3. */
export type CsvSource = { csv: string } | { uploadKey: string };

export async function sourceOf(api: ApiClient, file: CsvFile): Promise<CsvSource> {
  if (file.text.length <= MAX_INLINE_CSV) return { csv: file.text };
  const upload = await api.call(importsApi.upload, { body: { fileName: file.name } });
  const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: file.text });
  if (!put.ok) throw new Error(`The file could not be uploaded (${put.status})`);
  return { uploadKey: upload.uploadKey };
}
