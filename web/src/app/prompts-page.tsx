import { useDocumentTitle } from '../shared/hooks';
import { PromptCategoryList } from '../shared/prompts';
import { PageHeading } from '../shared/ui';
import { useWorkspace } from './workspace';

/** `/prompts`: every AI prompt category and which prompt the workspace's runs use for it. */
export function PromptsPage() {
  useDocumentTitle('Prompts');
  const { canManageUsers } = useWorkspace();
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>Prompts</PageHeading>
          <p className="page-sub">
            {canManageUsers
              ? 'The instructions Quoteflow gives the AI for each job. Customise one to make your workspace’s own version; the platform’s system prompt or the built-in default applies otherwise.'
              : 'The instructions Quoteflow gives the AI for each job. Only owners and admins can change them.'}
          </p>
        </div>
      </div>
      <PromptCategoryList
        mode="tenant"
        linkTo={(category) => `/prompts/${category}`}
        caption="Prompt categories and the prompt in effect for each"
      />
    </>
  );
}
