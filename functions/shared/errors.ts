/** One field-level problem, `path` in dotted form (`emails.0.address`). */
export interface FieldError {
  path: string;
  message: string;
}

/** An error that becomes an RFC 9457 problem+json response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

const problem = (slug: string) => `https://quoteflow.app/problems/${slug}`;

/** 400: the request is malformed or fails validation. */
export class ValidationError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, problem('validation'), 'Your request is not valid', detail, errors);
  }
}

/** 401: no token or a token the gateway would reject. */
export class UnauthorizedError extends HttpError {
  constructor(detail = 'Sign in to continue') {
    super(401, problem('unauthorized'), 'Not signed in', detail);
  }
}

/** 403: the role or the tenant's status forbids this. */
export class ForbiddenError extends HttpError {
  constructor(detail: string) {
    super(403, problem('forbidden'), 'Not allowed', detail);
  }
}

/** 404: missing, or another tenant's: existence is never revealed. */
export class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, problem('not-found'), 'Not found', `${what} was not found`);
  }
}

/** 409: a uniqueness claim or an optimistic-concurrency version lost. */
export class ConflictError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, problem('conflict'), 'Conflict', detail, errors);
  }
}

/** 410: it was there and is no longer (an expired quote). */
export class GoneError extends HttpError {
  constructor(detail: string) {
    super(410, problem('gone'), 'Gone', detail);
  }
}

/** 413: the body is larger than the route accepts. */
export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, problem('payload-too-large'), 'Request body too large', `Bodies are limited to ${limitBytes} bytes`);
  }
}

/** 415: a body that is not JSON. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(got: string | undefined) {
    super(
      415,
      problem('unsupported-media-type'),
      'Unsupported media type',
      `Send application/json (got ${got ?? 'no content type'})`,
    );
  }
}

/** 422: well-formed, but a domain rule forbids it. */
export class DomainRuleError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(422, problem('domain-rule'), 'This cannot be done', detail, errors);
  }
}

/** 428: an update without the version it was based on. */
export class PreconditionRequiredError extends HttpError {
  constructor() {
    super(
      428,
      problem('precondition-required'),
      'Version required',
      'Send If-Match with the version you read (or a version field in the body)',
      [{ path: 'version', message: 'Required' }],
    );
  }
}

/** 403: the workspace requires two-factor sign-in and this user has not set it up yet. */
export class MfaRequiredError extends HttpError {
  constructor() {
    super(
      403,
      problem('mfa-required'),
      'Two-factor sign-in required',
      'Your workspace requires two-factor sign-in: set up an authenticator app to continue',
    );
  }
}
