import type { ReactNode } from 'react';
import { Button } from '../ui';
const BUILTIN: Array<{ label: string; text: string; title: string }> = [
  { label: 'First name', text: '{{first_name|there}}', title: 'The contact’s first name, or “there” when it is empty' },
  { label: 'Last name', text: '{{last_name}}', title: 'The contact’s last name' },
  { label: 'Full name', text: '{{full_name|there}}', title: 'First and last name, or “there”' },
  { label: 'Phone', text: '{{phone}}', title: 'The contact’s phone number' },
  { label: 'Business name', text: '{{business_name}}', title: 'Your business name from Settings' },
  { label: 'Business contact', text: '{{business_contact}}', title: 'How customers reach you, from Settings' },
];

/**
 * Buttons that put a placeholder (or the opt-out line) at the caret, so nobody has to remember the syntax. An
 * e-mail has no opt-out line (its footer carries the unsubscribe link) and may add buttons of its own (`extra`).
 */
export function VariableBar({
  fields,
  onInsert,
  optOutLine = true,
  extra,
}: {
  fields: readonly string[];
  onInsert: (text: string) => void;
  optOutLine?: boolean;
  extra?: ReactNode;
}) {
  return (
    <div className="variable-bar" role="toolbar" aria-label="Insert variable">
      {BUILTIN.map((v) => (
        <Button key={v.text} className="chip" title={v.title} onClick={() => onInsert(v.text)}>
          {v.label}
        </Button>
      ))}
      {fields.map((key) => (
        <Button
          key={key}
          className="chip field"
          title={`Custom field ${key}`}
          onClick={() => onInsert(`{{field:${key}}}`)}
        >
          {key}
        </Button>
      ))}
      {optOutLine && (
        <Button
          className="chip optout"
          title="The opt-out instructions a campaign’s first message needs"
          onClick={() => onInsert('Reply STOP to opt out')}
        >
          Opt-out line
        </Button>
      )}
      {extra}
    </div>
  );
}
