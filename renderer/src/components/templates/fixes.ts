import type { TemplateIssue } from '../../../../shared/templates';

/** An edit a finding offers: the new body and what to select afterwards so the owner sees the change. */
export interface Fix {
  label: string;
  apply(body: string): { body: string; select: [number, number] };
}

function replaceRange(body: string, start: number, end: number, text: string) {
  return {
    body: body.slice(0, start) + text + body.slice(end),
    select: [start, start + text.length] as [number, number],
  };
}

/** The one-click fix a finding suggests, when there is an unambiguous one. */
export function fixFor(issue: TemplateIssue): Fix | null {
  const suggestion = issue.suggestion;
  if (suggestion === undefined) return null;
  if (issue.position) {
    const { start, end } = issue.position;
    const label = suggestion === '' ? 'Remove it' : `Use ${suggestion}`;
    return { label, apply: (body) => replaceRange(body, start, end, suggestion) };
  }
  if (issue.code === 'missing_business_name') {
    // Who it is from reads best first: "Bloom Salon: Hi Ana…".
    return { label: `Start with ${suggestion}`, apply: (body) => replaceRange(body, 0, 0, `${suggestion}: `) };
  }
  if (issue.code === 'missing_opt_out') {
    return {
      label: `Add "${suggestion}"`,
      apply: (body) => {
        const trimmed = body.replace(/\s+$/, '');
        const sep = trimmed === '' ? '' : /[.!?]$/.test(trimmed) ? ' ' : '. ';
        return replaceRange(trimmed, trimmed.length, trimmed.length, `${sep}${suggestion}`);
      },
    };
  }
  return null;
}

/** Inserts text at the caret (replacing a selection), as typing would. */
export function insertAt(body: string, selection: [number, number], text: string) {
  const [start, end] = selection;
  const next = body.slice(0, start) + text + body.slice(end);
  const caret = start + text.length;
  return { body: next, select: [caret, caret] as [number, number] };
}
