import type { S3Client } from '@aws-sdk/client-s3';
import { buckets } from '../../lib/manifest-runtime.js';
import { requireEnv } from './config.js';
import { NotFoundError } from './errors.js';
import { lazy } from './lazy.js';
import { traced } from './observability.js';

/** How long a presigned link works unless the caller says otherwise. */
export const DEFAULT_LINK_SECONDS = 15 * 60;
/** SigV4 refuses presigned URLs valid for longer than a week. */
const MAX_LINK_SECONDS = 7 * 24 * 3600;
const DOCUMENTS_ENV = buckets.find((b) => b.id === 'Documents')!.env;

/** A key outside the store's tenant prefix, or one that is not a plain path: a bug in the caller, never user input to echo. */
export class DocumentKeyError extends Error {
  override name = 'DocumentKeyError';
}

/** Whose documents, and of what kind: keys must start with `{area}/{tenantId}/`. */
export interface DocumentScope {
  /** The kind of document, e.g. `quotes`. */
  area: string;
  tenantId: string;
}

export interface StoredDocument {
  body: Uint8Array;
  contentType: string;
}

/** One tenant's documents of one area in the documents bucket. */
export interface DocumentStore {
  /** `{area}/{tenantId}/`: every key this store touches starts with it. */
  readonly prefix: string;
  put(key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  /** The document's bytes and content type, or NotFoundError (404). */
  get(key: string): Promise<StoredDocument>;
  /** A URL anyone holding it can GET the document with, until it expires (default 15 minutes). */
  presignGet(key: string, options?: { expiresInSeconds?: number }): Promise<string>;
  /** A URL anyone holding it can PUT one document with this content type to, until it expires. */
  presignPut(key: string, contentType: string, options?: { expiresInSeconds?: number }): Promise<string>;
  /** The document's size in bytes, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
}

export interface DocumentStoreOptions {
  /** Defaults to the bucket named by DOCUMENTS_BUCKET. */
  bucket?: string;
  /** Defaults to a client for this deployment's S3 (the emulator locally). */
  client?: S3Client;
  /** The signing time of presigned URLs (tests pin it). */
  now?: () => Date;
}

const s3 = lazy(async () => {
  const [sdk, presigner] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  const client = traced(
    new sdk.S3Client({
      // s3rver (AWS_ENDPOINT_URL_S3 locally) only understands path-style URLs and no default checksums.
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return { sdk, client, getSignedUrl: presigner.getSignedUrl };
});

const SCOPE_PART = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Checks a key is a plain path under `prefix`: no `..`, `.` or empty segments that could climb out of it. */
function checkKey(prefix: string, key: string): string {
  const rest = key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
  const segments = rest?.split('/') ?? [];
  if (
    rest === undefined ||
    [...key].some((c) => c < ' ' || c === '\u007f' || c === '\\') ||
    Buffer.byteLength(key) > 1024 ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new DocumentKeyError(`Document key ${JSON.stringify(key)} is not a file under ${prefix}`);
  }
  return key;
}

/** The documents of one tenant and area; every key given must start with `{area}/{tenantId}/`. */
export function documentStore(scope: DocumentScope, options: DocumentStoreOptions = {}): DocumentStore {
  if (!SCOPE_PART.test(scope.area) || !SCOPE_PART.test(scope.tenantId)) {
    throw new DocumentKeyError(`Not a document scope: ${JSON.stringify(scope)}`);
  }
  const prefix = `${scope.area}/${scope.tenantId}/`;
  const bucket = () => options.bucket ?? requireEnv(DOCUMENTS_ENV);
  const clientOf = async () => {
    const loaded = await s3();
    return { ...loaded, client: options.client ?? loaded.client };
  };

  return {
    prefix,
    async put(key, body, contentType) {
      const { sdk, client } = await clientOf();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket(),
          Key: checkKey(prefix, key),
          Body: body,
          ContentType: contentType,
        }),
      );
    },
    async get(key) {
      const { sdk, client } = await clientOf();
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket(), Key: checkKey(prefix, key) }));
        return {
          body: await out.Body!.transformToByteArray(),
          contentType: out.ContentType ?? 'application/octet-stream',
        };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey) throw new NotFoundError('Document');
        throw error;
      }
    },
    async presignGet(key, { expiresInSeconds = DEFAULT_LINK_SECONDS } = {}) {
      checkExpiry(expiresInSeconds);
      const { sdk, client, getSignedUrl } = await clientOf();
      return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: bucket(), Key: checkKey(prefix, key) }), {
        expiresIn: expiresInSeconds,
        signingDate: options.now?.(),
      });
    },
    async presignPut(key, contentType, { expiresInSeconds = DEFAULT_LINK_SECONDS } = {}) {
      checkExpiry(expiresInSeconds);
      const { sdk, client, getSignedUrl } = await clientOf();
      const command = new sdk.PutObjectCommand({
        Bucket: bucket(),
        Key: checkKey(prefix, key),
        ContentType: contentType,
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds, signingDate: options.now?.() });
    },
    async size(key) {
      const { sdk, client } = await clientOf();
      try {
        const out = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket(), Key: checkKey(prefix, key) }));
        return out.ContentLength ?? 0;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
  };
}

function checkExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_LINK_SECONDS) {
    throw new RangeError(`A document link lasts 1 to ${MAX_LINK_SECONDS} seconds, not ${expiresInSeconds}`);
  }
}
