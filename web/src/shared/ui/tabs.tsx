import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: ReactNode;
}

/**
 * ARIA tabs (automatic activation): arrow keys, Home and End move between tabs; only the
 * selected tab is in the tab order, and only its panel is rendered. On a narrow screen the tab
 * list scrolls sideways, and keeps the selected tab in view.
 */
export function Tabs<T extends string>({
  label,
  idBase,
  tabs,
  selected,
  onSelect,
  children,
}: {
  label: string;
  idBase: string;
  tabs: TabDef<T>[];
  selected: T;
  onSelect: (id: T) => void;
  children: ReactNode;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const listRef = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });

  // Tabs cut off by a narrow screen: a fade and an arrow on the side that has more.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => {
      const left = list.scrollLeft > 1;
      const right = list.scrollLeft + list.clientWidth < list.scrollWidth - 1;
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
    };
    measure();
    list.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(list);
    return () => {
      list.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [tabs.length]);

  const nudge = (direction: 1 | -1) => listRef.current?.scrollBy({ left: direction * 120, behavior: 'smooth' });
  const tabId = (id: T) => `${idBase}-tab-${id}`;
  const panelId = `${idBase}-panel-${selected}`;

  useEffect(() => {
    const tab = refs.current.get(selected);
    const list = tab?.parentElement;
    if (!tab || !list || list.scrollWidth <= list.clientWidth) return;
    // Scrolls the list only (scrollIntoView could also move the page).
    const t = tab.getBoundingClientRect();
    const l = list.getBoundingClientRect();
    if (t.left < l.left) list.scrollLeft -= l.left - t.left;
    else if (t.right > l.right) list.scrollLeft += t.right - l.right;
  }, [selected]);

  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[target]!.id;
    onSelect(next);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="tabs">
      <div className={`tablist-wrap${more.left ? ' more-left' : ''}${more.right ? ' more-right' : ''}`}>
        {/* Pointer aids only: the keyboard moves along the tabs with the arrow keys. */}
        {more.left && (
          <button
            type="button"
            className="tab-more tab-more-left"
            tabIndex={-1}
            aria-hidden="true"
            onClick={() => nudge(-1)}
          >
            ‹
          </button>
        )}
        <div role="tablist" aria-label={label} className="tablist" ref={listRef}>
          {tabs.map((tab, index) => {
            const active = tab.id === selected;
            return (
              <button
                key={tab.id}
                ref={(el) => {
                  if (el) refs.current.set(tab.id, el);
                  else refs.current.delete(tab.id);
                }}
                type="button"
                role="tab"
                id={tabId(tab.id)}
                className="tab"
                aria-selected={active}
                aria-controls={active ? panelId : undefined}
                tabIndex={active ? 0 : -1}
                onClick={() => onSelect(tab.id)}
                onKeyDown={(e) => move(e, index)}
              >
                {tab.label}
              </button>
            );
          })}
        </div>
        {more.right && (
          <button
            type="button"
            className="tab-more tab-more-right"
            tabIndex={-1}
            aria-hidden="true"
            onClick={() => nudge(1)}
          >
            ›
          </button>
        )}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} tabIndex={0} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
