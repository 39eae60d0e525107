import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';

let focusPending = false;

/**
 * Focus for where reading starts, not for something to operate: no focus ring (browsers that
 * know `focusVisible: false` skip it; the stylesheet hides it on headings for the rest).
 */
const focusQuietly = (el: HTMLElement | null) =>
  el?.focus({ preventScroll: true, focusVisible: false } as FocusOptions & { focusVisible: boolean });

/**
 * The page's <h1>. After an in-app navigation the new page's heading takes focus (now, or
 * when it first renders after loading), so keyboard and screen-reader users start there.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusPending) {
      focusPending = false;
      focusQuietly(ref.current);
    }
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'page-title'}>
      {children}
    </h1>
  );
}

/** Moves focus to the page heading and scrolls to the top whenever the path changes. */
export function useRouteFocus(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) focusQuietly(heading);
    else focusPending = true;
  }, [pathname]);
}
