import { it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthQuoteflow } from './harness';
it('probe', () => {
  const t0 = Date.now();
  const s = synthQuoteflow();
  console.log('synth ms', Date.now() - t0);
  const r = new AwsSolutionsChecks().validateScope(s.app);
  for (const v of r.violations) console.log(v.severity, v.ruleName, v.violatingResources.map((x) => x.constructPath).join(' | '));
  console.log(JSON.stringify(s.template.toJSON()).length);
  require('fs').writeFileSync('/tmp/template.json', JSON.stringify(s.template.toJSON(), null, 2));
  s.dispose();
});
