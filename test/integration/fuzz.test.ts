import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiRoutes } from '../../functions/contracts.js';
import { fillPath, pathParamNames, routeKey, type Route } from '../../functions/shared/contract.js';
import { AI_MODELS, KEY_PROVIDERS } from '../../functions/shared/enums.js';
import { routes } from '../../lib/manifest.js';
import { usersApi } from '../../functions/users/contract.js';
import {
  admin,
  authenticateAs,
  call,
  client,
  newCompany,
  newMember,
  newTenant,
  NEW_PASSWORD,
  type Client,
} from '../support/api.js';
import { tableDb } from '../support/table.js';

/**
 * Random requests to every route of the manifest, as a signed-in tenant owner: random path ids,
 * query strings (forged and borrowed cursors among them), headers and JSON bodies, most of them
 * shaped by the route's own schema so they get past validation and reach the table. Every answer
 * must be below 500, and a 4xx must leave the tenant's items as they were.
 *
 * Budget: 1,500 runs or TIME_LIMIT_MS, whichever comes first, so the suite keeps its time. Measured
 * with 8 suites sharing 2 cores (load average ~20): 365-640 runs in 40 s. MIN_RUNS is the floor
 * below which the run says too little to pass.
 */
const SEED = 20250108;
const NUM_RUNS = 1500;
const TIME_LIMIT_MS = 40_000;
const MIN_RUNS = 100;

/** Items that record requests rather than data (replay claims, rate-limit counters). */
const BOOKKEEPING = new Set(['idempotencyRecord', 'rateLimitWindow', 'tokenBucket', 'rateLimitBucket']);

type Db = Awaited<ReturnType<typeof tableDb>>;
type Snapshot = Map<string, string>;

interface Fixture {
  owner: Client;
  /** The tenant's own companies (the companyId pool also holds another tenant's). */
  ownCompanies: string[];
  tenantId: string;
  /** Real ids by path parameter name; the fuzzer picks these most of the time. */
  ids: Record<string, string[]>;
  /** Partitions that exist whatever the request: the tenant's, its scope's, its companies'. */
  fixed: string[];
}

const routeByKey = new Map(apiRoutes.map((r) => [routeKey(r), r]));

// --- Generators -----------------------------------------------------------------------------

type JsonSchema = Record<string, any>;
const absent = Symbol('absent');
const word = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength, maxLength });

/** Values that fit a JSON schema (from the route's zod schema), with ids drawn from the fixture. */
function fromSchema(schema: JsonSchema, ids: Record<string, string[]>, name = ''): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((s) => fromSchema(s, ids, name)));
  switch (schema.type) {
    case 'string': {
      if (/id$/i.test(name)) {
        // An id field gets an id of its kind (an owner is a user), sometimes any id or none we know.
        const kind = ids[name] ?? (name === 'ownerId' ? ids.userId : undefined) ?? Object.values(ids).flat();
        return fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...kind) },
          { weight: 1, arbitrary: fc.constantFrom(...Object.values(ids).flat()) },
          { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
        );
      }
      if (/email|address/i.test(name)) return word(1, 20).map((w) => `${w}@example.test`);
      if (name === 'model') return fc.constantFrom(...AI_MODELS);
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern as string)).filter((s) => s.length <= 600);
        } catch {
          // a pattern fast-check cannot generate from: plain strings
        }
      }
      const minLength = (schema.minLength as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxLength as number | undefined) ?? 40, 40));
      // Mostly plain words (what passes trimming and most refinements), sometimes anything.
      return fc.oneof(
        { weight: 4, arbitrary: word(Math.max(minLength, 1), maxLength) },
        { weight: 1, arbitrary: fc.string({ minLength, maxLength }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
      );
    }
    case 'integer':
    case 'number': {
      const min = (schema.minimum as number | undefined) ?? ((schema.exclusiveMinimum as number) ?? -1001) + 1;
      const max = Math.min((schema.maximum as number | undefined) ?? 1_000_000, 1_000_000);
      return schema.type === 'integer'
        ? fc.integer({ min, max: Math.max(min, max) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema((schema.items as JsonSchema | undefined) ?? {}, ids, name), {
        minLength: Math.min((schema.minItems as number | undefined) ?? 0, 3),
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 3, 3),
      });
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      // Optional fields one time in four, so a schema-shaped body is usually one the route accepts.
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const model = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => {
          const value = fromSchema(s, ids, k);
          return [k, required.has(k) ? value : fc.oneof({ weight: 3, arbitrary: fc.constant(absent) }, value)];
        }),
      );
      return fc
        .record(model)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== absent)) as Record<string, unknown>);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A body: schema-shaped, schema-shaped with one field broken, or any JSON at all. */
function bodyFor(route: Route, ids: Record<string, string[]>): fc.Arbitrary<unknown> {
  const valid = fromSchema(jsonSchemaOf(route.body), ids);
  const broken = fc
    .tuple(valid, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
    .map(([body, key, value, drop]) => {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return value;
      const keys = Object.keys(body);
      const target = keys.length > 0 && drop ? keys[key.length % keys.length]! : key;
      const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      if (drop) delete copy[target];
      else copy[target] = value;
      return copy;
    });
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 3, arbitrary: broken },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** A cursor a client could forge: DynamoDB-key-shaped JSON under the tenant's own prefix, or junk. */
function forgedCursor(tenantId: string): fc.Arbitrary<string> {
  const prefix = `$quoteflow#tenantid_${tenantId.toLowerCase()}`;
  const keyValue = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map((s) => `${prefix}${s}`) },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map((s) => `${prefix}#companyid_${s}`) },
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }).map((s) => `$company_1#${s}`) },
    { weight: 1, arbitrary: fc.constantFrom(prefix, '', 'x'.repeat(3000)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const tenantKey = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 30 }).map((s) => `${prefix}${s}`) },
    { weight: 1, arbitrary: keyValue },
  );
  // Partition keys mostly under the tenant's own prefix: what a tenant-marker check lets through.
  const names = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;
  const key = fc.record(Object.fromEntries(names.map((n) => [n, n.endsWith('pk') ? tenantKey : keyValue])), {
    requiredKeys: [],
  });
  return fc.oneof(
    { weight: 4, arbitrary: key.map((k) => Buffer.from(JSON.stringify(k)).toString('base64url')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')) },
  );
}

/** A path id as sent, or the i-th live id of a kind (ids are replaced as the fuzzer deletes them). */
type PathValue = string | { live: string; i: number };

/** A path parameter: mostly a real id of the right kind, else junk, over-long or foreign. */
const pathValue = (name: string, f: Fixture): fc.Arbitrary<PathValue> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: f.ids[name]
        ? fc.nat().map((i) => ({ live: name, i }))
        : fc.constantFrom(...Object.values(f.ids).flat()),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 129, max: 1500 }).map((n) => 'a'.repeat(n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
  );

/** Printable ASCII header values (what fetch can send). */
const headerText = (maxLength: number) => fc.string({ maxLength }).map((s) => s.trim());

interface Request {
  route: Route;
  params: Record<string, PathValue>;
  query: Record<string, string>;
  /** Index into the cursors seen so far, to send a real cursor of some list (often another one's). */
  borrowedCursor: number | null;
  headers: Record<string, string>;
  body: { json: unknown } | { raw: string } | null;
  signedIn: boolean;
}

function requestFor(route: Route, f: Fixture): fc.Arbitrary<Request> {
  const params = fc.record(
    Object.fromEntries(pathParamNames(route.path).map((n) => [n, pathValue(n, f)])),
  ) as fc.Arbitrary<Record<string, PathValue>>;
  /** `arb` one time in `presentOneIn`, else absent. */
  const optional = <T>(arb: fc.Arbitrary<T>, presentOneIn: number) =>
    fc.oneof({ weight: presentOneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const querySchema = jsonSchemaOf(route.query);
  const queryProps = (querySchema.properties ?? {}) as Record<string, JsonSchema>;
  /** Each known key half the time (a cursor more often), mostly with a value its schema accepts. */
  const query = fc
    .record({
      ...Object.fromEntries(
        Object.entries(queryProps).map(([k, s]) => [
          k,
          k === 'cursor'
            ? fc.oneof(
                { weight: 2, arbitrary: forgedCursor(f.tenantId) },
                { weight: 1, arbitrary: fc.constant(undefined) },
              )
            : optional(
                fc.oneof(
                  { weight: 4, arbitrary: fromSchema(s, f.ids, k).map((v) => String(v)) },
                  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
                ),
                2,
              ),
        ]),
      ),
      xfuzz: optional(fc.string({ maxLength: 10 }), 10),
    })
    .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>);
  // Mostly what a client sends (If-Match with a plausible version), sometimes junk or a wrong content type.
  const headers = fc
    .record({
      'if-match': fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('1', '2', '"1"', 'W/"2"', '3') },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom('*', '0', '-1', '1.5', ''), headerText(20)) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      'idempotency-key': optional(fc.oneof(fc.uuid(), headerText(300)), 4),
      'content-type': optional(
        fc.constantFrom('text/plain', 'application/merge-patch+json', 'application/json; charset=utf-8'),
        12,
      ),
      'x-fuzz': optional(headerText(20), 4),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const body: fc.Arbitrary<Request['body']> = ['GET', 'DELETE'].includes(route.method)
    ? fc.constant(null)
    : fc.oneof(
        { weight: 8, arbitrary: bodyFor(route, f.ids).map((json) => ({ json })) },
        { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((raw) => ({ raw })) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
  return fc.record({
    route: fc.constant(route),
    params,
    query,
    borrowedCursor: 'cursor' in queryProps ? fc.option(fc.nat(), { freq: 2 }) : fc.constant(null),
    headers,
    body,
    signedIn: fc.oneof({ weight: 30, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });
}

// --- What the tenant has in the table ---------------------------------------------------------

/** The partition keys of every entity whose partition is named by the tenant and these ids. */
function partitionsOf(db: Db, tenantId: string, ids: string[]): string[] {
  const keys = new Set<string>();
  for (const entity of Object.values(db.entities) as any[]) {
    const [indexName, index] = Object.entries(entity.schema.indexes as Record<string, any>).find(([, i]) => !i.index)!;
    const composites = index.pk.composite as string[];
    const choices: Record<string, string[]> = { tenantId: [tenantId], scope: [tenantId] };
    for (const c of ['companyId', 'batchId', 'promptId']) choices[c] = ids;
    if (!composites.every((c) => choices[c])) continue; // keyed by a hash, a slug or a window
    let combos: Record<string, string>[] = [{}];
    for (const c of composites) combos = combos.flatMap((combo) => choices[c]!.map((v) => ({ ...combo, [c]: v })));
    for (const combo of combos) {
      keys.add(entity.query[indexName](combo).params().ExpressionAttributeValues[':pk'] as string);
    }
  }
  return [...keys];
}

async function snapshot(send: (c: QueryCommand) => Promise<any>, table: string, pks: string[]) {
  const state: Snapshot = new Map();
  await Promise.all(
    pks.map(async (pk) => {
      const items: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        for (const item of page.Items ?? []) {
          if (!BOOKKEEPING.has(item.__edb_e__)) items.push(JSON.stringify(item, Object.keys(item).sort()));
        }
        start = page.LastEvaluatedKey;
      } while (start);
      state.set(pk, items.sort().join('\n'));
    }),
  );
  return state;
}

const changedPartitions = (before: Snapshot, after: Snapshot) =>
  [...after.keys()].filter((pk) => (before.get(pk) ?? '') !== after.get(pk));

// --- The test ------------------------------------------------------------------------------------

describe('fuzzing every route', () => {
  let f: Fixture;
  let db: Db;
  let send: (c: QueryCommand) => Promise<any>;
  let tableName: string;

  beforeAll(async () => {
    db = await tableDb();
    const { documentClient } = await import('../../functions/data/client.js');
    const { config } = await import('../../functions/shared/config.js');
    send = (c) => documentClient.send(c);
    tableName = config.tableName;

    const fuzzed = await newTenant('Fuzzed');
    const { owner } = fuzzed;
    ownerEmail = fuzzed.ownerEmail;
    const me = (await owner.get('/v1/me')).body;
    const companies = [await newCompany(owner, { name: 'Fuzz One' }), await newCompany(owner, { name: 'Fuzz Two' })];
    const companyId = companies[0].companyId as string;
    const contact = await owner.post(`/v1/companies/${companyId}/contacts`, { firstName: 'F', lastName: 'Uzz' });
    const activity = await owner.post(`/v1/companies/${companyId}/activities`, { type: 'note', subject: 'Seeded' });
    const prompt = await owner.post('/v1/prompts', promptBody);
    const task = await owner.post('/v1/tasks', { title: 'Fuzzed task', dueAt: '2031-01-01T09:00:00Z', companyId });
    const member = await newMember(owner, 'sales');
    const pipeline = (await owner.get('/v1/pipelines')).body.items[0];
    const deal = await owner.post('/v1/deals', {
      name: 'Fuzz deal',
      companyId,
      value: { amount: 100, currency: 'GBP' },
      expectedCloseDate: '2026-03-31',
    });
    expect(deal.status).toBe(201);
    // An import and an export of the tenant's own, settled, so their routes get real ids.
    const imported = await owner.post('/v1/imports', {
      kind: 'companies',
      csv: 'Name,Website\nFuzz Imported,fuzz-imported.example',
      mapping: { Name: 'name', Website: 'domain' },
    });
    const exported = await owner.post('/v1/exports', { kind: 'tenant' });
    expect([imported.status, exported.status]).toEqual([202, 202]);
    for (let tries = 0; tries < 200; tries++) {
      const [i, e] = await Promise.all([
        owner.get(`/v1/imports/${imported.body.importId}`),
        owner.get(`/v1/exports/${exported.body.exportId}`),
      ]);
      if (i.body.status === 'done' && e.body.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { owner: stranger } = await newTenant('Fuzz stranger');
    const theirs = await newCompany(stranger, { name: 'Not yours' });
    expect([contact.status, prompt.status]).toEqual([201, 201]);
    const companyIds = companies.map((c) => c.companyId as string);
    f = {
      owner,
      ownCompanies: companyIds,
      tenantId: me.tenant.tenantId,
      ids: {
        companyId: [...companyIds, theirs.companyId],
        contactId: [contact.body.contactId],
        activityId: [activity.body.activityId],
        taskId: [task.body.taskId],
        userId: [me.userId, member.user.userId],
        promptId: [prompt.body.promptId],
        dealId: [deal.body.dealId],
        importId: [imported.body.importId],
        exportId: [exported.body.exportId],
        pipelineId: [pipeline.pipelineId],
        stageId: pipeline.stages.map((st: { stageId: string }) => st.stageId),
        tenantId: [me.tenant.tenantId],
        provider: [...KEY_PROVIDERS],
        runId: ['01JGZ0000000000000000000RN'],
        batchId: ['01JGZ0000000000000000000BT'],
        mergeId: ['01JGZ0000000000000000000MG'],
        officerId: ['officer-1'],
      },
      fixed: [],
    };
    f.fixed = fixedPartitions();
    // The write check sees the tenant's own partition and each company's history, or it means nothing.
    const tenantPk = `$quoteflow#tenantid_${f.tenantId.toLowerCase()}`;
    expect(f.fixed).toEqual(expect.arrayContaining([tenantPk, `${tenantPk}#companyid_${companyId.toLowerCase()}`]));
    const seeded = await snapshot(send, tableName, f.fixed);
    expect(seeded.get(tenantPk)).toContain('Fuzz One');
    expect(seeded.get(`${tenantPk}#companyid_${companyId.toLowerCase()}`)).toContain('Seeded');
  });

  /** The owner signs in again after the fuzzer signs them out of all devices. */
  let ownerEmail = '';

  /** The partitions every snapshot reads: the tenant's and its scope's, its live companies' and prompts'. */
  const fixedPartitions = () => partitionsOf(db, f.tenantId, [...f.ownCompanies, ...f.ids.promptId!]);

  const promptBody = {
    category: 'email_copy',
    name: 'Fuzzed prompt',
    systemTemplate: 'Be brief.',
    userTemplate: 'About {{company_name}}',
    model: 'gpt-4.1-mini',
    temperature: 0.2,
  };

  /** After a delete succeeded, a fresh record of that kind takes the deleted one's place. */
  async function replace(kind: string, id: string) {
    const pool = f.ids[kind]!;
    pool.splice(pool.indexOf(id), 1);
    if (kind === 'companyId') {
      f.ownCompanies.splice(f.ownCompanies.indexOf(id), 1);
      const fresh = (await newCompany(f.owner, { name: `Fuzz ${pool.length}` })).companyId as string;
      f.ownCompanies.push(fresh);
      pool.push(fresh);
    } else if (kind === 'contactId' && f.ownCompanies[0]) {
      const res = await f.owner.post(`/v1/companies/${f.ownCompanies[0]}/contacts`, {
        firstName: 'F',
        lastName: 'Resh',
      });
      if (res.status === 201) pool.push(res.body.contactId);
    } else if (kind === 'activityId' && f.ownCompanies[0]) {
      const res = await f.owner.post(`/v1/companies/${f.ownCompanies[0]}/activities`, {
        type: 'note',
        subject: 'Fresh',
      });
      if (res.status === 201) pool.push(res.body.activityId);
    } else if (kind === 'dealId' && f.ownCompanies[0]) {
      const res = await f.owner.post('/v1/deals', {
        name: 'Fresh fuzz deal',
        companyId: f.ownCompanies[0],
        value: { amount: 100, currency: 'GBP' },
        expectedCloseDate: '2026-04-30',
      });
      if (res.status === 201) pool.push(res.body.dealId);
    } else if (kind === 'promptId') {
      const res = await f.owner.post('/v1/prompts', { ...promptBody, category: 'quote_draft' });
      if (res.status === 201) pool.push(res.body.promptId);
    }
    f.fixed = fixedPartitions();
  }

  it('answers 400 naming the parameter for a path id of 2 KB, on every route that takes one', async () => {
    const platformAdmin = await admin();
    const wrong: string[] = [];
    for (const route of apiRoutes) {
      const names = pathParamNames(route.path);
      if (route.auth === 'public' || names.length === 0) continue;
      const long = names[names.length - 1]!;
      const params = Object.fromEntries(names.map((n) => [n, n === long ? 'a'.repeat(2048) : (f.ids[n]?.[0] ?? 'x')]));
      const res = await call(route.method, fillPath(route.path, params), {
        token: route.auth === 'admin' ? platformAdmin.token : f.owner.token,
        headers: { 'if-match': '1' },
        ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { body: {} } : {}),
      });
      if (res.status !== 400 || !res.body.errors?.some((e: { path: string }) => e.path === long)) {
        wrong.push(`${routeKey(route)}: ${res.status} ${JSON.stringify(res.body?.errors)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every request below 500, and a 4xx writes nothing', async () => {
    const failures: string[] = [];
    const cursors: string[] = [];
    const statuses = new Map<number, number>();
    let state = await snapshot(send, tableName, f.fixed);
    /**
     * Background work started by a write settles before the next request: an analysis until its run
     * or batch is finished, anything else (a queued purge) until the partitions stay still for 0.6 s.
     */
    const settle = async (res: { status: number; body: any }, companyId: string | undefined) => {
      const deadline = Date.now() + 20_000;
      const finished = async () => {
        if (res.status !== 202) return true;
        if (res.body?.batchId)
          return (await f.owner.get(`/v1/analysis-batches/${res.body.batchId}`)).body?.done === true;
        // Imports and exports run on their queues: settled once they say so.
        if (res.body?.importId) return (await f.owner.get(`/v1/imports/${res.body.importId}`)).body?.status === 'done';
        if (res.body?.exportId)
          return (await f.owner.get(`/v1/exports/${res.body.exportId}`)).body?.status !== 'running';
        if (res.body?.runId && companyId) {
          const run = await f.owner.get(`/v1/companies/${companyId}/analysis/${res.body.runId}`);
          return run.status !== 200 || ['succeeded', 'failed'].includes(run.body.status);
        }
        return true;
      };
      let quiet = 0;
      while (Date.now() < deadline && quiet < 3) {
        await new Promise((r) => setTimeout(r, 200));
        const next = await snapshot(send, tableName, f.fixed);
        quiet = changedPartitions(state, next).length === 0 && (await finished()) ? quiet + 1 : 0;
        state = next;
      }
    };

    // Tenant routes most: admin routes can only answer a tenant's token with 401.
    const weightOf = { tenant: 6, public: 2, admin: 1 } as const;
    const arbitrary = fc.oneof(
      ...routes.map((def) => ({
        weight: weightOf[def.auth],
        arbitrary: requestFor(routeByKey.get(routeKey(def))!, f),
      })),
    );
    const result = await fc.check(
      fc.asyncProperty(arbitrary, async (req) => {
        const { route } = req;
        const params = Object.fromEntries(
          Object.entries(req.params).map(([n, v]) => {
            if (typeof v === 'string') return [n, v];
            const pool = f.ids[v.live]!;
            return [n, pool.length > 0 ? pool[v.i % pool.length]! : 'none'];
          }),
        );
        let path: string;
        try {
          path = fillPath(route.path, params);
        } catch {
          return true; // a lone surrogate cannot be URL-encoded: no client could send it
        }
        const query = { ...req.query };
        if (req.borrowedCursor !== null && cursors.length > 0)
          query.cursor = cursors[req.borrowedCursor % cursors.length]!;
        const qs = new URLSearchParams(query).toString();
        const options: Parameters<typeof call>[2] = { headers: { ...req.headers } };
        if (req.signedIn) options.token = f.owner.token;
        if (req.body && 'json' in req.body) {
          options.body = req.body.json;
          options.headers!['content-type'] ??= 'application/json';
        } else if (req.body) options.rawBody = req.body.raw;
        // Partitions the path names beyond the fixed ones (a deleted company's keeps its tombstone
        // and history): read before the request too, so the check compares like with like.
        const named = Object.values(params).filter((id) => id.length <= 128);
        const extra = partitionsOf(db, f.tenantId, named).filter((pk) => !f.fixed.includes(pk));
        const before = new Map([...state, ...(await snapshot(send, tableName, extra))]);
        const res = await call(route.method, `${path}${qs ? `?${qs}` : ''}`, options);
        const label = `${routeKey(route)} ${res.status}`;
        const sample = () =>
          `${route.method} ${path.slice(0, 120)}?${qs.slice(0, 200)} ${JSON.stringify(options.body ?? options.rawBody ?? '').slice(0, 200)} → ${JSON.stringify(res.body).slice(0, 200)}`;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${label}: ${sample()}`);
        if (typeof res.body?.cursor === 'string') cursors.push(res.body.cursor);

        const after = await snapshot(send, tableName, [...f.fixed, ...extra]);
        if (res.status >= 400 && res.status < 500) {
          const changed = changedPartitions(before, after);
          if (changed.length > 0) failures.push(`${label} wrote to ${changed.join(', ')}: ${sample()}`);
        }
        for (const pk of extra) after.delete(pk);
        state = after;
        if (res.status < 300 && route.method !== 'GET') await settle(res, params.companyId);
        if (res.status < 300 && route.method === 'DELETE') {
          const [kind, id] = Object.entries(params).at(-1) ?? [];
          // Another tenant's id is never deleted; the signed-in owner cannot be.
          if (kind && id && f.ids[kind]?.includes(id) && (kind !== 'companyId' || f.ownCompanies.includes(id))) {
            await replace(kind, id);
            state = await snapshot(send, tableName, f.fixed);
          }
        }
        if (res.status === 204 && routeKey(route) === routeKey(usersApi.signOutEverywhere)) {
          // That ended the owner's every token: sign in again, so the requests after it still reach the table.
          f.owner = client((await authenticateAs(ownerEmail, NEW_PASSWORD)).IdToken);
        }
        return true;
      }),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    // Distinct failures, each once with a count and an example.
    const byKind = new Map<string, { count: number; example: string }>();
    for (const failure of failures) {
      const kind = failure.split(':')[0]!;
      const seen = byKind.get(kind) ?? { count: 0, example: failure };
      seen.count++;
      byKind.set(kind, seen);
    }
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.log(`fuzz: ${result.numRuns} runs (${histogram.join(' ')}), ${failures.length} failures`);
    expect([...byKind.entries()].map(([kind, { count, example }]) => `${count}× ${kind} — ${example}`)).toEqual([]);
    expect(result.numRuns).toBeGreaterThanOrEqual(MIN_RUNS);
  }, 90_000);
});
