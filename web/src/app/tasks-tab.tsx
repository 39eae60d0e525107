import type { CompanyView } from '../../../functions/companies/contract';
import { LinkedTasks } from './tasks/linked-tasks';

/** The company page's Tasks tab: everyone's tasks about this company, by due time, with "Add task". */
export function TasksTab({ company }: { company: CompanyView }) {
  return (
    <LinkedTasks
      filter={{ companyId: company.companyId }}
      draft={{ companyId: company.companyId }}
      name={company.name}
      empty={<>Add a follow-up for {company.name}: a call back, a proposal to send.</>}
    />
  );
}
