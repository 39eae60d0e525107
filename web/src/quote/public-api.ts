import type { AcceptQuoteInput, PublicQuoteView } from '../../../functions/quotes/public-contract';

/** A problem+json answer the page shows: its status, its sentence and any field errors. */
export interface Problem {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

export type Answer = { ok: true; view: PublicQuoteView } | { ok: false; problem: Problem };

/**
 * The public quote routes with plain fetch: the customer has no account, so there is no token,
 * no retry layer and no query cache; the link's token is the only credential.
 */
export class PublicQuoteApi {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  get = (): Promise<Answer> => this.call('GET', '');
  accept = (input: Omit<AcceptQuoteInput, 'optionalLineIds'> & { optionalLineIds: string[] }): Promise<Answer> =>
    this.call('POST', '/accept', input);
  decline = (reason: string): Promise<Answer> =>
    this.call('POST', '/decline', reason.trim() ? { reason: reason.trim() } : {});

  private async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const url = `${this.apiUrl.replace(/\/$/, '')}/v1/public/quotes/${encodeURIComponent(this.token)}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return {
        ok: false,
        problem: { status: 0, detail: 'Could not reach the server: check your connection', errors: [] },
      };
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { ok: true, view: json as unknown as PublicQuoteView };
    return {
      ok: false,
      problem: {
        status: res.status,
        detail: typeof json.detail === 'string' ? json.detail : `The server answered ${res.status}`,
        errors: Array.isArray(json.errors) ? (json.errors as Problem['errors']) : [],
      },
    };
  }
}

/** The API base URL the app is deployed with (the same /config.json the SPA reads). */
export async function loadApiUrl(): Promise<string> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  const { apiUrl } = (await res.json()) as { apiUrl?: unknown };
  if (typeof apiUrl !== 'string' || !apiUrl) throw new Error('config.json lacks apiUrl');
  return apiUrl;
}
