import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysableCompany, newTenant, unique, waitForRun } from '../support/api.js';

/**
 * The local metrics sink: the local cloud (global setup) puts EMF lines in `<data dir>/metrics.log`
 * and passes QUOTEFLOW_METRICS_FILE on to the handlers' environment, which test workers inherit.
 */
const metricsFile = (): string => {
  const file = process.env.QUOTEFLOW_METRICS_FILE;
  if (!file) throw new Error('QUOTEFLOW_METRICS_FILE is not set: the local cloud did not configure the metrics sink');
  return file;
};

type Emf = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
};
const emfLines = (): Emf[] =>
  existsSync(metricsFile())
    ? readFileSync(metricsFile(), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Emf)
    : [];

const countOf = (lines: Emf[], route: string, statusClass: string) =>
  lines.filter((l) => l.route === route && l.statusClass === statusClass).length;

describe('metrics in the local cloud', () => {
  it('records AI tokens and estimated cost for the tenant that ran an analysis', async () => {
    const { owner } = await newTenant('Metrics AI');
    const tenantId = (await owner.get('/v1/me')).body.tenant.tenantId as string;
    expect((await owner.put('/v1/settings/ai/key', { apiKey: `sk-test-${unique()}${unique()}` })).status).toBe(200);
    const company = await analysableCompany(owner);
    const started = await owner.post(`/v1/companies/${company.companyId}/analysis`);
    const run = await waitForRun(owner, company.companyId, started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', provider: 'openai' });

    const mine = emfLines().filter((l) => l.tenantId === tenantId);
    const sum = (name: string) => mine.reduce((total, l) => total + ((l[name] as number | undefined) ?? 0), 0);
    expect(mine.length).toBeGreaterThan(0);
    for (const line of mine) {
      expect(line._aws.CloudWatchMetrics).toEqual([
        expect.objectContaining({ Namespace: 'Quoteflow', Dimensions: [['tenantId']] }),
      ]);
    }
    expect(sum('AiRuns')).toBe(1);
    expect(sum('AiInputTokens')).toBe(run.inputTokens);
    expect(sum('AiOutputTokens')).toBe(run.outputTokens);
    expect(sum('AiCostUsd')).toBeCloseTo(run.costMicros / 1_000_000, 9);
  });

  it("records each request's count, errors and latency by route and status class, without tenant ids", async () => {
    const { owner } = await newTenant('Metrics requests');
    const tenantId = (await owner.get('/v1/me')).body.tenant.tenantId as string;
    const before = emfLines();
    expect((await owner.get('/v1/companies')).status).toBe(200);
    expect((await owner.get('/v1/companies/01JUNKNOWNCOMPANY000000000')).status).toBe(404);
    expect((await owner.get('/v1/companies/01JUNKNOWNCOMPANY000000001')).status).toBe(404);
    const after = emfLines();
    const requestLines = after.filter((l) => 'statusClass' in l);

    expect(countOf(after, 'GET /v1/companies', '2xx') - countOf(before, 'GET /v1/companies', '2xx')).toBeGreaterThan(0);
    const missing = 'GET /v1/companies/{companyId}';
    expect(countOf(after, missing, '4xx') - countOf(before, missing, '4xx')).toBeGreaterThanOrEqual(2);
    const line = after.findLast((l) => l.route === missing && l.statusClass === '4xx')!;
    expect(line).toMatchObject({ service: 'companies', Requests: 1, ClientErrors: 1 });
    expect(line.Latency).toEqual(expect.any(Number));
    expect(line._aws.CloudWatchMetrics).toEqual([
      expect.objectContaining({ Namespace: 'Quoteflow', Dimensions: [['service', 'route', 'statusClass']] }),
    ]);
    expect(requestLines.some((l) => JSON.stringify(l).includes(tenantId))).toBe(false);
  });
});
