import { useEffect, useState } from 'react';

/** After the returned function is called, focuses the element with `id` once it is on screen (a form closed). */
export function useFocusWhenShown(id: string) {
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      setPending(false);
    }
  });
  return () => setPending(true);
}
