import { memo } from 'react';
import { CHANNEL_LABEL, CHANNEL_STATUS_LABEL } from '../../../../shared/channel-status';
import type { ContactRow } from '../../../../shared/types/domain';
import { Badge } from '../ui';
import { COLUMNS } from './contact-columns';
import { formatDay, fullName, initials } from './format';

const SHOWN_TAGS = 3;

function SmsStatus({ c }: { c: ContactRow }) {
  if (c.optedOut) return <Badge tone="bad">Opted out</Badge>;
  if (!c.textable) return <Badge tone="warn">Not textable</Badge>;
  return <Badge tone="good">Textable</Badge>;
}

/** The SMS badge, and every channel's status in words on hover (and for screen readers). */
function Status({ c }: { c: ContactRow }) {
  const words = (['sms', 'email', 'voice'] as const)
    .map((ch) => `${CHANNEL_LABEL[ch]}: ${CHANNEL_STATUS_LABEL[c.reach[ch]].toLowerCase()}`)
    .join(' · ');
  return (
    <span title={words}>
      <SmsStatus c={c} />
      <span className="sr-only"> {words}</span>
    </span>
  );
}

/** One contact of the table, or a placeholder while its page is on its way. */
export const ContactTableRow = memo(function ContactTableRow({
  c,
  index,
  selected,
  checked,
  onSelect,
  onCheck,
  phone,
}: {
  c: ContactRow | undefined;
  index: number;
  selected: boolean;
  checked: boolean;
  onSelect(c: ContactRow): void;
  onCheck(c: ContactRow, index: number, range: boolean): void;
  phone(e164: string): string;
}) {
  if (!c) {
    return (
      <div role="row" aria-rowindex={index + 2} aria-busy="true" className="ct-row placeholder">
        {COLUMNS.map((col) => (
          <div role="cell" key={col.label} className="ct-cell">
            <span className="ct-skeleton" />
          </div>
        ))}
      </div>
    );
  }
  const name = fullName(c);
  const extra = c.tags.length - SHOWN_TAGS;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      data-contact-id={c.id}
      className={`ct-row${selected ? ' selected' : ''}${checked ? ' checked' : ''}${c.optedOut ? ' opted-out' : ''}`}
      onClick={() => onSelect(c)}
    >
      <div role="cell" className="ct-cell ct-name">
        {/* Kept raw: a bare box in a virtualised grid row, named by aria-label; the row's own click must not tick it. */}
        <input
          type="checkbox"
          className="ct-check-box"
          aria-label={`Select ${name || phone(c.phone)}`}
          checked={checked}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onCheck(c, index, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
        <span className="ct-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        {name ? (
          <span className="ct-ellipsis" title={name}>
            {name}
          </span>
        ) : (
          <span className="muted">No name</span>
        )}
      </div>
      <div role="cell" className="ct-cell mono">
        <span className="ct-ellipsis">{phone(c.phone)}</span>
      </div>
      <div role="cell" className="ct-cell">
        <span className="ct-ellipsis">{c.email ?? ''}</span>
      </div>
      <div role="cell" className="ct-cell ct-tags" title={c.tags.join(', ') || undefined}>
        {c.tags.slice(0, SHOWN_TAGS).map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
        {extra > 0 && <span className="muted small">+{extra}</span>}
      </div>
      <div role="cell" className="ct-cell">
        <Status c={c} />
      </div>
      <div role="cell" className="ct-cell muted">
        {formatDay(c.createdAt)}
      </div>
      <div role="cell" className="ct-cell muted">
        {c.lastContactedAt ? formatDay(c.lastContactedAt) : 'Never'}
      </div>
    </div>
  );
});
