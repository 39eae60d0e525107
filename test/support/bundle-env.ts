/** The settings every function reads at cold start, with stand-in values: enough to import a bundle. */
export const BUNDLE_SETTINGS = {
  TABLE_NAME: 't',
  TENANT_USER_POOL_ID: 'p',
  MAIL_FROM: 'm@x.test',
  WEB_URL: 'http://w',
  ADMIN_URL: 'http://a',
  AWS_REGION: 'eu-west-2',
} as const;
