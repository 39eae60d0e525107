export {
  currentMonth,
  formatCents,
  formatCostMicros,
  formatCount,
  formatDuration,
  formatMonth,
  providerLabel,
} from './ai-format';
export { PromptCategoryPage } from './prompt-category-page';
export { PromptCategoryList } from './prompt-list';
export type { TestPanelProps } from './prompt-workspace';
export { TAKES_REQUIREMENTS } from './source';
