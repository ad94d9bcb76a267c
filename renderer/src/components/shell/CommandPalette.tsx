import { useEffect, useId, useRef, useState } from 'react';
import { TextInput } from '../ui';
import './shell.css';

export interface Command {
  id: string;
  label: string;
  section: 'Pages' | 'Actions' | 'Appearance' | 'Help';
  /** Extra words it is found by ("dark mode" finds the theme). */
  keywords?: string;
  /** The shortcut that does the same, shown beside it. */
  keys?: string;
  run(): void;
}

/** Every word typed must appear in the label or the keywords: "new camp" finds "New campaign". */
export function matches(command: Command, query: string): boolean {
  const hay = `${command.label} ${command.keywords ?? ''} ${command.section}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/**
 * Ctrl/Cmd+K: a search box over every page and main action. Arrow keys choose, Enter runs, Escape closes; focus goes
 * back where it was.
 */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const baseId = useId();
  const shown = commands.filter((c) => matches(c, query));
  const current = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    input.current?.focus();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    document.getElementById(`${baseId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [baseId, current]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <dialog
      ref={ref}
      className="palette"
      aria-label="Command palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <div className="palette-box">
        <TextInput
          ref={input}
          className="palette-input"
          role="combobox"
          aria-label="Go to a page or run an action"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-activedescendant={shown.length ? `${baseId}-${current}` : undefined}
          aria-autocomplete="list"
          placeholder="Go to a page or run an action…"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((current + step + shown.length) % Math.max(1, shown.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[current]);
            }
          }}
        />
        <ul id={`${baseId}-list`} className="palette-list" role="listbox" aria-label="Commands">
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`${baseId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : ''}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => run(c)}
            >
              <span className="palette-section">{c.section}</span>
              <span className="palette-label">{c.label}</span>
              {c.keys && <kbd>{c.keys}</kbd>}
            </li>
          ))}
        </ul>
        {shown.length === 0 && (
          <p className="palette-empty muted" role="status">
            Nothing matches “{query}”.
          </p>
        )}
        <p className="palette-foot muted small" aria-hidden="true">
          ↑ ↓ to choose · Enter to run · Esc to close
        </p>
      </div>
    </dialog>
  );
}
