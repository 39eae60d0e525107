/**
 * The CSV import figure: a file of `rows` companies uploaded, imported through the queue and
 * polled until done, as the SPA does. Wall time from POST /v1/imports to status done.
 */
export async function benchImport(apiUrl: string, token: string, rows: number) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const run = Date.now().toString(36);
  const lines = ['Company,Website,Company No,Country'];
  for (let i = 0; i < rows; i++) lines.push(`Bench ${run} ${i},bench${i}-${run}.example,B${run}${i},GB`);
  const upload = await call('POST', '/v1/imports/uploads', { fileName: 'bench.csv' });
  const put = await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: lines.join('\n') });
  if (!put.ok) throw new Error(`upload failed: ${put.status}`);
  const mapping = { Company: 'name', Website: 'domain', 'Company No': 'companyNumber', Country: 'address.country' };
  const t0 = performance.now();
  const started = await call('POST', '/v1/imports', { kind: 'companies', uploadKey: upload.body.uploadKey, mapping });
  if (started.status !== 202) throw new Error(`import refused: ${started.status} ${JSON.stringify(started.body)}`);
  const acceptedMs = performance.now() - t0;
  let job: any;
  const progress: { seconds: number; processed: number }[] = [];
  for (;;) {
    job = (await call('GET', `/v1/imports/${started.body.importId}`)).body;
    progress.push({ seconds: Math.round((performance.now() - t0) / 100) / 10, processed: job.processed });
    if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(progress.at(-1)));
    if (job.status === 'done') break;
    if (performance.now() - t0 > 600_000) throw new Error(`import not done after 10 min: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  return {
    rows,
    acceptedMs: Math.round(acceptedMs),
    wallSeconds,
    rowsPerSecond: rows / wallSeconds,
    created: job.created,
    failed: job.failed,
  };
}
