import type { Stage } from '../../../functions/shared/enums';
import { STAGE_LABELS } from '../shared/labels';
import { Badge, type BadgeTone } from '../shared/ui';

const TONES: Record<Stage, BadgeTone> = {
  discovery: 'neutral',
  lead: 'sky',
  prospect: 'violet',
  opportunity: 'warning',
  customer: 'success',
  lost: 'danger',
};

/** A company's pipeline stage as a coloured badge. */
export function StageBadge({ stage }: { stage: Stage }) {
  return <Badge tone={TONES[stage] ?? 'neutral'}>{STAGE_LABELS[stage] ?? stage}</Badge>;
}
