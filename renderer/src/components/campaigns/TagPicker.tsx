import { useId, useState } from 'react';
import type { TagCount } from '../../../../shared/ipc/channels/tags';
import { Choice, TextInput } from '../ui';

/** Tags as toggle chips (real checkboxes underneath, so Tab/Space work); a search box once there are many. */
export function TagPicker({
  legend,
  hint,
  tags,
  selected,
  unavailable = [],
  tone = 'include',
  onChange,
}: {
  legend: string;
  hint?: string;
  tags: TagCount[];
  selected: string[];
  /** Tags chosen in the other picker: shown but not selectable here. */
  unavailable?: string[];
  tone?: 'include' | 'exclude';
  onChange(next: string[]): void;
}) {
  const [filter, setFilter] = useState('');
  const id = useId();
  const wanted = filter.trim().toLowerCase();
  const shown = tags.filter((t) => !wanted || t.name.toLowerCase().includes(wanted) || selected.includes(t.name));
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((t) => t !== name));
  return (
    <fieldset className={`cw-tags ${tone}`} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="muted small cw-hint">
          {hint}
        </p>
      )}
      {tags.length > 12 && (
        <TextInput
          type="search"
          className="cw-tag-filter"
          aria-label={`Find a tag (${legend.toLowerCase()})`}
          placeholder="Find a tag…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      <div className="cw-chips">
        {shown.map((t) => {
          const on = selected.includes(t.name);
          const blocked = !on && unavailable.includes(t.name);
          return (
            <Choice
              type="checkbox"
              key={t.name}
              className={`cw-chip${on ? ' on' : ''}${blocked ? ' blocked' : ''}`}
              title={blocked ? 'Chosen in the other list' : undefined}
              checked={on}
              disabled={blocked}
              onChange={(e) => toggle(t.name, e.target.checked)}
              label={
                <>
                  <span className="cw-chip-name">{t.name}</span>
                  <span className="cw-chip-count">{t.count.toLocaleString()}</span>
                </>
              }
            />
          );
        })}
        {shown.length === 0 && <span className="muted small">No tag matches “{filter}”.</span>}
      </div>
    </fieldset>
  );
}
