import { useEffect, useState } from 'react';
import { useServices } from './services';

/** Sets `document.title` to "<title> · <product>". */
export function useDocumentTitle(title: string | undefined): void {
  const { product } = useServices();
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}

/** `value`, after it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
