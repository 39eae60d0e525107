import { useParams } from 'react-router-dom';
import { PromptCategoryPage } from '../shared/prompts';
import { PromptTestPanel } from './prompt-test-panel';
import { useWorkspace } from './workspace';

/** `/prompts/:category`: the prompt in effect, the workspace's override (editor, history, test run). */
export function PromptPage() {
  const { category = '' } = useParams();
  const { canManageUsers } = useWorkspace();
  return (
    <PromptCategoryPage
      key={category}
      category={category}
      mode="tenant"
      canEdit={canManageUsers}
      listPath="/prompts"
      listLabel="All prompts"
      testPanel={(props) => <PromptTestPanel {...props} />}
    />
  );
}
