/**
 * The one description of Quoteflow's infrastructure. The CDK stack (lib/cloud) and the local
 * cloud (lib/local) are both built from it, and the Lambda router enforces route roles from it,
 * so a route, its handler and its permissions cannot drift apart.
 */

export const ROLES = ['owner', 'admin', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Anyone in the tenant may read; viewers may not write; only owners and admins manage people. */
export const READ: readonly Role[] = ROLES;
export const WRITE: readonly Role[] = ['owner', 'admin', 'sales'];
export const MANAGE_USERS: readonly Role[] = ['owner', 'admin'];

export type PoolName = 'tenant' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch; the stack turns each need into a least-privilege grant. */
export type Need =
  | 'table:read'
  | 'table:write'
  | 'documents:read'
  | 'documents:write'
  | 'tenantPool:manage'
  | 'ses:send';

export interface FunctionDef {
  /** Module under functions/ exporting `handler`. */
  entry: string;
  description: string;
  needs: readonly Need[];
  memoryMb?: number;
  timeoutSeconds?: number;
}

export interface RouteDef {
  method: HttpMethod;
  path: string;
  fn: FunctionName;
  /** `public` routes carry no token; the others go through the named pool's JWT authorizer. */
  auth: PoolName | 'public';
  /** Tenant routes only: which roles may call it. */
  roles?: readonly Role[];
}

export const functions = {
  admin: {
    entry: 'functions/admin/handler.ts',
    description: 'Platform admin: tenants and their users',
    needs: ['table:read', 'table:write', 'tenantPool:manage', 'ses:send'],
  },
  users: {
    entry: 'functions/users/handler.ts',
    description: 'The signed-in user and the tenant team',
    needs: ['table:read', 'table:write', 'tenantPool:manage', 'ses:send'],
  },
  companies: {
    entry: 'functions/companies/handler.ts',
    description: 'Companies: leads to customers',
    needs: ['table:read', 'table:write'],
  },
  contacts: {
    entry: 'functions/contacts/handler.ts',
    description: 'Contacts of companies',
    needs: ['table:read', 'table:write'],
  },
  activities: {
    entry: 'functions/activities/handler.ts',
    description: 'Activities logged against companies, and the company timeline',
    needs: ['table:read', 'table:write'],
  },
} as const satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof functions;

export const routes: readonly RouteDef[] = [
  { method: 'POST', path: '/v1/admin/tenants', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}', fn: 'admin', auth: 'admin' },
  { method: 'PATCH', path: '/v1/admin/tenants/{tenantId}', fn: 'admin', auth: 'admin' },
  { method: 'GET', path: '/v1/admin/tenants/{tenantId}/users', fn: 'admin', auth: 'admin' },

  { method: 'GET', path: '/v1/me', fn: 'users', auth: 'tenant', roles: READ },
  { method: 'GET', path: '/v1/users', fn: 'users', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/users', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'PATCH', path: '/v1/users/{userId}', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'DELETE', path: '/v1/users/{userId}', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },
  { method: 'POST', path: '/v1/users/{userId}/invitation', fn: 'users', auth: 'tenant', roles: MANAGE_USERS },

  { method: 'GET', path: '/v1/companies', fn: 'companies', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies', fn: 'companies', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: READ },
  { method: 'PATCH', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: WRITE },
  { method: 'DELETE', path: '/v1/companies/{companyId}', fn: 'companies', auth: 'tenant', roles: WRITE },

  { method: 'GET', path: '/v1/companies/{companyId}/contacts', fn: 'contacts', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies/{companyId}/contacts', fn: 'contacts', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: READ },
  { method: 'PATCH', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: WRITE },
  { method: 'DELETE', path: '/v1/contacts/{contactId}', fn: 'contacts', auth: 'tenant', roles: WRITE },

  { method: 'GET', path: '/v1/companies/{companyId}/activities', fn: 'activities', auth: 'tenant', roles: READ },
  { method: 'POST', path: '/v1/companies/{companyId}/activities', fn: 'activities', auth: 'tenant', roles: WRITE },
  { method: 'GET', path: '/v1/companies/{companyId}/timeline', fn: 'activities', auth: 'tenant', roles: READ },
];

/** The single DynamoDB table (DESIGN.md §4). */
export const table = {
  id: 'Main',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export const buckets = [{ id: 'Documents', env: 'DOCUMENTS_BUCKET' }] as const;

/** SQS queues and their dead-letter queues; consumers arrive with later slices. */
export const queues: readonly { id: string; fn: FunctionName; batchSize: number; maxReceiveCount: number }[] = [];

/** Step Functions workflows; added by the AI and discovery slices. */
export const workflows: readonly { id: string; definition: string }[] = [];

export const pools = {
  tenant: {
    id: 'TenantPool',
    name: 'quoteflow-tenants',
    clientName: 'quoteflow-web',
    customAttributes: ['tenantId', 'role'],
    outputs: { poolId: 'UserPoolId', clientId: 'UserPoolClientId' },
  },
  admin: {
    id: 'AdminPool',
    name: 'quoteflow-admins',
    clientName: 'quoteflow-admin-console',
    customAttributes: [],
    outputs: { poolId: 'AdminUserPoolId', clientId: 'AdminUserPoolClientId' },
  },
} as const;

/** Environment variable names every function receives; config.ts reads them once. */
export const env = {
  table: 'TABLE_NAME',
  tenantPoolId: 'TENANT_USER_POOL_ID',
  mailFrom: 'MAIL_FROM',
  configurationSet: 'SES_CONFIGURATION_SET',
  webUrl: 'WEB_URL',
  adminUrl: 'ADMIN_URL',
} as const;

/** Stack outputs shared by the cloud stack and `.local/outputs.json` (API.md). */
export const OUTPUT_KEYS = [
  'ApiUrl',
  'WebUrl',
  'AdminUrl',
  'UserPoolId',
  'UserPoolClientId',
  'AdminUserPoolId',
  'AdminUserPoolClientId',
  'CognitoEndpoint',
  'MailboxUrl',
  'Region',
] as const;

/** `GET /v1/companies/{companyId}` → the API Gateway route key. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOf = (fn: FunctionName): RouteDef[] => routes.filter((r) => r.fn === fn);

export const findRoute = (key: string): RouteDef | undefined => routes.find((r) => routeKey(r) === key);
