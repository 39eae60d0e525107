import { HttpError } from '../shared/errors.js';

const problem = (slug: string) => `https://quoteflow.app/problems/${slug}`;

/** 429: a rate limit (ours or a provider's) is spent; `Retry-After` says when to come back. */
export class TooManyRequestsError extends HttpError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, problem('too-many-requests'), 'Too many requests', detail, undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

/** 502: an outside service we depend on failed, timed out or answered nonsense; nothing was written. */
export class UpstreamUnavailableError extends HttpError {
  constructor(service: string, detail: string) {
    super(502, problem('upstream-unavailable'), `${service} is unavailable`, detail);
  }
}
