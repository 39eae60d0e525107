/** `npm run openapi`: writes the OpenAPI document generated from the contracts, for review and integrators. */
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../functions/docs/openapi.js';

export const OPENAPI_FILE = new URL('../functions/docs/openapi.json', import.meta.url);

writeFileSync(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`Wrote ${OPENAPI_FILE.pathname}`);
