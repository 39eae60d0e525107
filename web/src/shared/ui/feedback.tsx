import type { ReactNode } from 'react';
import { errorMessage } from '../api';
import { cx } from '../format';
import { Button } from './button';
import { Spinner } from './spinner';

/** A polite "Loading …" line with a spinner, for whole panels and pages. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** A grey placeholder bar. */
export function Skeleton({
  width = '100%',
  height = '1em',
  className,
}: {
  width?: string;
  height?: string;
  className?: string;
}) {
  return <span className={cx('skeleton', className)} style={{ width, height }} aria-hidden="true" />;
}

/** A friendly "nothing here yet" block with an optional call to action. */
export function EmptyState({
  title,
  children,
  action,
  icon,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <div className="empty-state">
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <h2 className="empty-title">{title}</h2>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

/** An error block with the API's explanation and a retry button. */
export function ErrorState({
  title = 'Something went wrong',
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <div className="error-state" role="alert">
      <h2 className="empty-title">{title}</h2>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** An inline message box. */
export function Alert({
  tone = 'error',
  title,
  children,
  actions,
}: {
  tone?: 'error' | 'warning' | 'success' | 'info';
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className={cx('alert', `alert-${tone}`)} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}>
      <div className="alert-text">
        {title && <strong className="alert-title">{title}</strong>}
        {children && <div>{children}</div>}
      </div>
      {actions && <div className="alert-actions">{actions}</div>}
    </div>
  );
}
