import { useLayoutEffect, useRef } from 'react';
import { insertAt } from './fixes';

/**
 * Edits of a template body at the caret (a variable, a fix, a picture): the textarea to attach, and the new text
 * with what to select afterwards. The selection is applied once React has put the new text in the textarea.
 */
export function useBodyCaret(body: string, setBody: (body: string) => void) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    if (!selection || !textarea.current) return;
    pendingSelection.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(selection[0], selection[1]);
  });
  const caret = (): [number, number] => {
    const ta = textarea.current;
    return ta ? [ta.selectionStart, ta.selectionEnd] : [body.length, body.length];
  };
  const edit = (next: { body: string; select: [number, number] }) => {
    pendingSelection.current = next.select;
    setBody(next.body);
  };
  return {
    textarea,
    caret,
    edit,
    insert: (text: string) => edit(insertAt(body, caret(), text)),
    select: (start: number, end: number) => {
      const ta = textarea.current;
      if (!ta) return;
      ta.focus();
      ta.setSelectionRange(start, end);
    },
  };
}
