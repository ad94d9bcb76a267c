import type { TemplateRow } from '../../../../shared/types/domain';
import { Checkbox, Button, Badge, Select, TextInput } from '../ui';
import './templates.css';

function lastUsed(iso: string | null): string {
  return iso ? `Last used ${new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })}` : 'Never used';
}

/** The library: search, category, archived toggle, and one row per template. */
export function TemplateLibrary({
  rows,
  loading,
  selectedId,
  search,
  onSearch,
  category,
  categories,
  onCategory,
  channel,
  onChannel,
  showArchived,
  onShowArchived,
  onSelect,
  empty,
}: {
  rows: readonly TemplateRow[];
  loading: boolean;
  selectedId: number | null;
  search: string;
  onSearch: (s: string) => void;
  category: string;
  categories: readonly string[];
  onCategory: (c: string) => void;
  channel: '' | 'sms' | 'email';
  onChannel: (c: '' | 'sms' | 'email') => void;
  showArchived: boolean;
  onShowArchived: (v: boolean) => void;
  onSelect: (t: TemplateRow) => void;
  /** True when the library has no templates at all (not just none matching). */
  empty: boolean;
}) {
  return (
    <aside className="tpl-library" aria-label="Template library">
      <TextInput
        type="search"
        aria-label="Search templates"
        placeholder="Search name, text or category"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      <div className="tpl-filters">
        <Select aria-label="Category" value={category} onChange={(e) => onCategory(e.target.value)}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Kind"
          value={channel}
          onChange={(e) => onChannel(e.target.value === 'sms' || e.target.value === 'email' ? e.target.value : '')}
        >
          <option value="">Texts and e-mails</option>
          <option value="sms">Text messages</option>
          <option value="email">E-mails</option>
        </Select>
        <Checkbox
          quiet
          label="Show archived"
          checked={showArchived}
          onChange={(e) => onShowArchived(e.target.checked)}
        />
      </div>
      {rows.length === 0 ? (
        <p className="muted small tpl-none">
          {loading ? 'Loading…' : empty ? 'No saved templates yet.' : 'No templates match.'}
        </p>
      ) : (
        <ul className="tpl-list" aria-label="Saved templates">
          {rows.map((t) => (
            <li key={t.id}>
              <Button
                className={`tpl-item${t.id === selectedId ? ' selected' : ''}`}
                aria-current={t.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(t)}
              >
                <span className="tpl-item-top">
                  <span className="tpl-item-name">{t.name}</span>
                  {t.channel === 'email' && <Badge tone="info">E-mail</Badge>}
                  {t.archived && <Badge tone="warn">Archived</Badge>}
                </span>
                <span className="tpl-item-body">{t.channel === 'email' ? (t.subject ?? t.body) : t.body}</span>
                <span className="tpl-item-meta">
                  {t.category && <span className="tpl-item-category">{t.category}</span>}
                  <span>{lastUsed(t.lastUsedAt)}</span>
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
