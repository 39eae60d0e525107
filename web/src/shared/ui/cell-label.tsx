import type { ReactNode } from 'react';

/** A table cell's column name, shown beside the value when a narrow screen stacks the row. */
export const CellLabel = ({ children }: { children: ReactNode }) => (
  <span className="cell-label" aria-hidden="true">
    {children}
  </span>
);
