import type { ClipboardEvent, RefObject } from 'react';
import { Textarea } from '../ui';

export interface Mark {
  start: number;
  end: number;
  kind: 'error' | 'warning' | 'variable';
}

const RANK: Record<Mark['kind'], number> = { error: 3, warning: 2, variable: 1 };

/** Splits the text at every mark boundary; each piece takes the most severe mark covering it. */
export function highlightPieces(
  text: string,
  marks: readonly Mark[],
): Array<{ text: string; kind: Mark['kind'] | null }> {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
  const points = [...new Set([0, text.length, ...marks.flatMap((m) => [clamp(m.start), clamp(m.end)])])].sort(
    (a, b) => a - b,
  );
  const pieces: Array<{ text: string; kind: Mark['kind'] | null }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let kind: Mark['kind'] | null = null;
    for (const m of marks)
      if (m.start <= a && m.end >= b && (kind === null || RANK[m.kind] > RANK[kind])) kind = m.kind;
    const last = pieces[pieces.length - 1];
    if (last && last.kind === kind) last.text += text.slice(a, b);
    else pieces.push({ text: text.slice(a, b), kind });
  }
  return pieces;
}

/**
 * The message textarea with its problems highlighted in place. A textarea cannot colour parts of its text, so
 * an identical layer behind it (same font, padding and wrapping) draws the marks and the textarea stays transparent.
 */
export function BodyEditor({
  id,
  value,
  marks,
  onChange,
  textareaRef,
  describedBy,
  placeholder = 'Hi {{first_name|there}}, …',
  onPaste,
}: {
  id: string;
  value: string;
  marks: readonly Mark[];
  onChange: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  describedBy?: string;
  placeholder?: string;
  onPaste?: (e: ClipboardEvent<HTMLTextAreaElement>) => void;
}) {
  return (
    <div className="body-editor">
      <div className="body-backdrop" aria-hidden="true">
        {highlightPieces(value, marks).map((p, i) =>
          p.kind ? (
            <mark key={i} className={p.kind}>
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
        {/* A trailing line break only takes room when something follows it. */}
        {'\u200b'}
      </div>
      <Textarea
        id={id}
        ref={textareaRef}
        value={value}
        spellCheck
        aria-describedby={describedBy}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onPaste={onPaste}
      />
    </div>
  );
}
