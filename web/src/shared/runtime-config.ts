/**
 * What each SPA fetches from `/config.json` at start (lib/local/web.ts and the cloud stack write it).
 * Types only, so the Node side can import it without the DOM code in config.ts.
 */
export interface RuntimeConfig {
  apiUrl: string;
  region: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
}
