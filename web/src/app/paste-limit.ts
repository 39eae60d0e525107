import { useState, type ClipboardEvent } from 'react';

/**
 * Says so when a paste is cut short by a field's `maxLength` (the browser drops the rest
 * silently): `guard(name, max)` goes on the field, `notice(name)` is the message to show.
 */
export function usePasteLimit() {
  const [clipped, setClipped] = useState<Record<string, string>>({});
  const guard = (name: string, max: number) => (event: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const pasted = event.clipboardData.getData('text').length;
    const field = event.currentTarget;
    const selected = (field.selectionEnd ?? 0) - (field.selectionStart ?? 0);
    const room = max - (field.value.length - selected);
    setClipped((c) => {
      const { [name]: _gone, ...rest } = c;
      return pasted > room
        ? {
            ...rest,
            [name]: `The pasted text was ${pasted.toLocaleString()} characters; only the first ${Math.max(room, 0).toLocaleString()} fit (the limit is ${max.toLocaleString()})`,
          }
        : rest;
    });
  };
  return { guard, notice: (name: string): string | undefined => clipped[name] };
}
