import { Link } from 'react-router-dom';
import type { DealView } from '../../../../functions/deals/contract';
import type { PipelineView } from '../../../../functions/pipelines/contract';
import { weightedAmount } from '../../../../functions/shared/money';
import { cx, formatDate } from '../../shared/format';
import { Badge } from '../../shared/ui';
import { useWorkspace } from '../workspace';
import { formatBps, formatMoney, isRotting, probabilityOf } from './money';

/** The list view: one row a deal, in stage order then close date. */
export function DealsTable({ deals, pipeline }: { deals: DealView[]; pipeline: PipelineView }) {
  const { userName } = useWorkspace();
  const order = new Map(pipeline.stages.map((s) => [s.stageId, s.order]));
  const rows = [...deals].sort(
    (a, b) =>
      (order.get(a.stageId) ?? 99) - (order.get(b.stageId) ?? 99) ||
      a.expectedCloseDate.localeCompare(b.expectedCloseDate),
  );
  const stageName = (id: string) => pipeline.stages.find((s) => s.stageId === id)?.name ?? id;
  return (
    <div className="table-wrap card">
      <table className="data-table" data-testid="deals-table">
        <thead>
          <tr>
            <th scope="col">Deal</th>
            <th scope="col">Company</th>
            <th scope="col">Stage</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Weighted
            </th>
            <th scope="col">Close date</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const p = probabilityOf(d, pipeline);
            return (
              <tr key={d.dealId} className={cx(isRotting(d, pipeline) && 'row-rotting')}>
                <td className="cell-truncate">
                  <Link to={`/deals/${d.dealId}`} title={d.name}>
                    {d.name}
                  </Link>
                </td>
                <td className="cell-truncate">
                  <Link to={`/companies/${d.companyId}?tab=deals`} title={d.companyName}>
                    {d.companyName}
                  </Link>
                </td>
                <td className="cell-nowrap">
                  {stageName(d.stageId)}{' '}
                  {d.status !== 'open' && <Badge tone={d.status === 'won' ? 'success' : 'danger'}>{d.status}</Badge>}
                  {isRotting(d, pipeline) && <Badge tone="warning">Rotting</Badge>}
                </td>
                <td className="num cell-nowrap">{formatMoney(d.value)}</td>
                <td className="num cell-nowrap" title={`${formatBps(p)} probability`}>
                  {formatMoney({ amount: weightedAmount(d.value.amount, p), currency: d.value.currency })}
                </td>
                <td className="cell-nowrap">{formatDate(d.expectedCloseDate)}</td>
                <td className="cell-nowrap">{userName(d.ownerId) ?? 'A former user'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
