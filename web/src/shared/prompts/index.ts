export {
  currentMonth,
  formatCents,
  formatCostMicros,
  formatCount,
  formatDuration,
  formatMonth,
  providerLabel,
} from './ai-format';
export { diffLines, diffStats, foldDiff, type DiffHunk, type DiffLine } from './diff';
export { TextDiff, ValueDiff } from './diff-view';
export { PromptCategoryPage } from './prompt-category-page';
export {
  checkPromptFields,
  PromptReadOnly,
  PromptWorkspace,
  VariablePanel,
  type TestPanelProps,
} from './prompt-editor';
export { PromptCategoryList } from './prompt-list';
export { MODEL_SUGGESTIONS, PromptSourceBadge, promptSourceLabel, TAKES_REQUIREMENTS } from './source';
export { closestVariable, unknownVariables, unknownVariablesMessage, variablesIn } from './variables';
export { VersionHistory } from './version-history';
