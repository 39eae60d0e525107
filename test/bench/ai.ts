type Api = (method: string, path: string, body?: unknown) => Promise<Response>;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), n: s.length };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function json(res: Promise<Response>) {
  const r = await res;
  const body = await r.json();
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(body)}`);
  return body;
}

/** Creates `count` companies at `concurrency`, with facts an analysis can use. */
async function seedCompanies(
  api: Api,
  count: number,
  stage: string,
  prefix: string,
  concurrency = 16,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const c = await json(
          api('POST', '/v1/companies', {
            name: `${prefix} ${i}`,
            stage,
            knownFacts: ['Hiring ten engineers', 'Still on Windows 10'],
          }),
        );
        ids.push(c.companyId);
      }
    }),
  );
  return ids;
}

/**
 * Offline analyses through the whole workflow (gateway → Step Functions twin → four Lambda
 * steps → DynamoDB), `concurrency` at a time: analyses per minute and server-side run time.
 */
async function workflowThroughput(api: Api, companies: string[], concurrency: number) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < companies.length) {
        const companyId = companies[next++]!;
        const { runId } = await json(api('POST', `/v1/companies/${companyId}/analysis`));
        for (;;) {
          const run = await json(api('GET', `/v1/companies/${companyId}/analysis/${runId}`));
          if (run.status === 'failed') throw new Error(`run failed: ${run.error?.reason}`);
          if (run.status === 'succeeded') {
            durations.push(Date.parse(run.finishedAt) - Date.parse(run.createdAt));
            break;
          }
          await sleep(25);
        }
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    runs: companies.length,
    concurrency,
    wallSeconds,
    perMinute: (companies.length / wallSeconds) * 60,
    runMs: summary(durations),
  };
}

/** A whole stage through the bulk queue: wall time from POST to the batch's last count, and messages per second. */
async function bulkThroughput(api: Api, stage: string) {
  const started = performance.now();
  const batch = await json(api('POST', '/v1/analysis-batches', { stage }));
  let current = batch;
  while (!current.done) {
    await sleep(250);
    current = await json(api('GET', `/v1/analysis-batches/${batch.batchId}`));
  }
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    companies: current.total,
    succeeded: current.succeeded,
    failed: current.failed,
    wallSeconds,
    messagesPerSecond: current.total / wallSeconds,
  };
}

/** Prompt resolution in this process against the product's table: uncached (two reads) vs cached. */
async function promptResolution(tenantId: string, iterations = 300) {
  // Imported here: the functions read their configuration at import, which run.ts sets first.
  const { defaultDeps } = await import('../../functions/shared/deps.js');
  const { resolvePrompt, resolvePromptUncached } = await import('../../functions/prompts/resolver.js');
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return summary(xs);
  };
  await resolvePromptUncached(tenantId, 'company_analysis', defaultDeps);
  return {
    uncachedMs: await time(() => resolvePromptUncached(tenantId, 'company_analysis', defaultDeps)),
    cachedMs: await time(() => resolvePrompt(tenantId, 'company_analysis', defaultDeps)),
  };
}

export async function benchAi(api: Api, tenantId: string, options: { workflowRuns: number; bulkCompanies: number }) {
  const single = await seedCompanies(api, options.workflowRuns, 'lead', 'Workflow bench');
  const workflow = await workflowThroughput(api, single, 8);
  await seedCompanies(api, options.bulkCompanies, 'opportunity', 'Bulk bench');
  const bulk = await bulkThroughput(api, 'opportunity');
  const prompts = await promptResolution(tenantId);
  return { workflow, bulk, prompts };
}
