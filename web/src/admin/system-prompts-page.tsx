import { useParams } from 'react-router-dom';
import { useDocumentTitle } from '../shared/hooks';
import { PromptCategoryList, PromptCategoryPage } from '../shared/prompts';
import { PageHeading } from '../shared/ui';

/** `/prompts`: the platform's system prompts, one per category (else the built-in default). */
export function SystemPromptsPage() {
  useDocumentTitle('System prompts');
  return (
    <>
      <div className="page-head">
        <div>
          <PageHeading>System prompts</PageHeading>
          <p className="page-sub">
            The prompts every tenant uses unless it has customised its own. Without a system prompt a category uses
            Quoteflow’s built-in default.
          </p>
        </div>
      </div>
      <PromptCategoryList
        mode="system"
        linkTo={(category) => `/prompts/${category}`}
        caption="Prompt categories and the system prompt of each"
      />
    </>
  );
}

/** `/prompts/:category`: one system prompt: editor, history with diffs and rollback (no test runs here). */
export function SystemPromptPage() {
  const { category = '' } = useParams();
  return (
    <PromptCategoryPage
      key={category}
      category={category}
      mode="system"
      canEdit
      listPath="/prompts"
      listLabel="All system prompts"
    />
  );
}
