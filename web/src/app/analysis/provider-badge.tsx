import { useId, useState } from 'react';
import type { AnalysisRunSummary } from '../../../../functions/analysis/contract';
import { Badge } from '../../shared/ui';
import { providerLabel } from './model';

export const OFFLINE_EXPLANATION =
  'Rule-based analysis from your data; set an OpenAI key in Settings → AI for model-written analysis.';

/**
 * Who wrote the analysis. "Offline analysis" is a focusable badge whose tooltip explains it (on
 * hover, on keyboard focus and on tap; Escape hides it); an OpenAI run shows the model.
 */
export function ProviderBadge({ run }: { run: Pick<AnalysisRunSummary, 'provider' | 'model'> }) {
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const label = providerLabel(run);
  if (!label) return null;
  if (run.provider !== 'offline') return <Badge tone="violet">{label}</Badge>;
  return (
    <span className="tip-anchor" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className="badge badge-warning provider-offline"
        aria-describedby={tipId}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {label}
        <span className="provider-info" aria-hidden="true">
          i
        </span>
      </button>
      <span role="tooltip" id={tipId} className="tooltip" hidden={!open}>
        {OFFLINE_EXPLANATION}
      </span>
    </span>
  );
}
