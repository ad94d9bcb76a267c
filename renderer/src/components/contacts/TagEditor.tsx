import { useId, useState } from 'react';
import { TextInput, Button } from '../ui';

/**
 * A contact's tags as chips: × takes one off, typing a name and Enter (or a comma) adds one. Known tags are
 * offered as you type, so "VIP" is not added a second time as "vip ".
 */
export function TagEditor({
  tags,
  known,
  busy,
  onChange,
}: {
  tags: string[];
  known: string[];
  busy?: boolean;
  onChange(tags: string[]): void;
}) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = (raw: string) => {
    const name = raw.trim().replace(/,+$/, '').trim();
    setDraft('');
    if (!name) return;
    const existing = known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    if (tags.some((t) => t.toLowerCase() === existing.toLowerCase())) return;
    onChange([...tags, existing]);
  };
  return (
    <div className="ct-tag-editor">
      <ul aria-label="Tags">
        {tags.map((t) => (
          <li key={t} className="ct-tag">
            {t}
            <Button
              aria-label={`Remove tag ${t}`}
              disabled={busy}
              onClick={() => onChange(tags.filter((x) => x !== t))}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <TextInput
        type="text"
        list={listId}
        value={draft}
        disabled={busy}
        placeholder={tags.length ? 'Add a tag' : 'Add a tag, e.g. VIP'}
        aria-label="Add a tag"
        onChange={(e) => (e.target.value.endsWith(',') ? add(e.target.value) : setDraft(e.target.value))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(draft);
          }
        }}
        onBlur={() => draft.trim() && add(draft)}
      />
      <datalist id={listId}>
        {known
          .filter((k) => !tags.includes(k))
          .map((k) => (
            <option key={k} value={k} />
          ))}
      </datalist>
    </div>
  );
}
