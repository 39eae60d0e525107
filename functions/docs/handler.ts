import { createApi, Reply } from '../shared/http.js';
import { lazy } from '../shared/lazy.js';
import { docsApi } from './contract.js';
import { buildOpenApiDocument } from './openapi.js';

const document = lazy(async () => buildOpenApiDocument() as unknown as Record<string, unknown>);

export const handler = createApi(docsApi, {
  openapi: async () => new Reply(await document(), { 'cache-control': 'public, max-age=300' }),
});
