import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/*
 * s3rver checks a presigned URL's expiry but not its SigV4 signature ("unimplemented"), so a
 * link whose key, expiry or signature was edited would still be served locally while S3 refuses
 * it. This checks presigned (query-string) SigV4 requests the way S3 does; requests signed in the
 * Authorization header (the SDK's own calls) pass through to s3rver unchanged.
 */

const MAX_EXPIRES_SECONDS = 604_800;

/** RFC 3986 encoding, as SigV4 canonicalises query names and values. */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20261130T045059Z` → epoch milliseconds, or NaN. */
const parseAmzDate = (s: string) =>
  /^\d{8}T\d{6}Z$/.test(s)
    ? Date.parse(
        `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
      )
    : NaN;

/**
 * Why a presigned GET/PUT/… request would be refused by S3, or undefined if it is valid (or not
 * presigned with SigV4 at all). `rawUrl` is the request target as received (`/bucket/key?…`).
 */
export function presignedRequestProblem(
  request: { method: string; rawUrl: string; headers: Record<string, string | string[] | undefined> },
  secretFor: (accessKeyId: string) => string | undefined,
  now = Date.now(),
): string | undefined {
  const [path = '/', query = ''] = request.rawUrl.split(/\?(.*)/s, 2);
  const params = query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = pair.split(/=(.*)/s, 2);
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      return [decode(name), decode(value)] as const;
    });
  const get = (name: string) => params.find(([n]) => n === name)?.[1];
  if (get('X-Amz-Algorithm') === undefined) return undefined;
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'Unsupported X-Amz-Algorithm';

  const credential = get('X-Amz-Credential')?.split('/') ?? [];
  const [accessKeyId = '', day = '', region = '', service = '', terminator = ''] = credential;
  const amzDate = get('X-Amz-Date') ?? '';
  const expires = Number(get('X-Amz-Expires'));
  const signedHeaders = get('X-Amz-SignedHeaders') ?? '';
  const signature = get('X-Amz-Signature') ?? '';
  const signedAt = parseAmzDate(amzDate);
  const secret = secretFor(accessKeyId);
  if (credential.length !== 5 || terminator !== 'aws4_request' || !amzDate.startsWith(day))
    return 'Malformed credential';
  if (!secret) return 'Unknown access key';
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) return 'Invalid X-Amz-Expires';
  if (Number.isNaN(signedAt)) return 'Invalid X-Amz-Date';
  if (now > signedAt + expires * 1000) return 'Request has expired';

  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a = '', av = ''], [b = '', bv = '']) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headerValue = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const headerNames = signedHeaders.split(';').filter(Boolean);
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    headerNames.map((name) => `${name}:${headerValue(name)}\n`).join(''),
    signedHeaders,
    get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'The request signature we calculated does not match the signature you provided';
  }
  return undefined;
}

interface KoaLikeContext {
  req: IncomingMessage;
  status: number;
  type: string;
  body: unknown;
}

/** Koa middleware for s3rver (`s3.middleware.unshift(...)` before `run()`): refuses presigned URLs S3 would refuse. */
export function requireValidPresignedUrls(credentials: { accessKeyId: string; secretAccessKey: string }) {
  const secretFor = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
  return async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    // A browser's CORS preflight repeats the presigned URL but is no S3 request: S3 answers it
    // from the bucket's CORS rules alone (its signature was made for the PUT, not the OPTIONS).
    if (ctx.req.method === 'OPTIONS') return next();
    const problem = presignedRequestProblem(
      { method: ctx.req.method ?? 'GET', rawUrl: ctx.req.url ?? '/', headers: ctx.req.headers },
      secretFor,
    );
    if (!problem) return next();
    ctx.status = 403;
    ctx.type = 'application/xml';
    const code = problem === 'Request has expired' ? 'AccessDenied' : 'SignatureDoesNotMatch';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${problem}</Message></Error>`;
  };
}
