import type { ConversationRow } from '../../../../shared/types/domain';
import { Button, Badge } from '../ui';
import { initials, shortWhen } from './format';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import './inbox.css';

/** The left pane: one row per contact who wrote, newest first; unread ones in bold with their count. */
export function ConversationList({
  rows,
  selected,
  onSelect,
  empty,
}: {
  rows: ConversationRow[];
  selected: number | null;
  onSelect(contactId: number): void;
  empty: string;
}) {
  const phone = usePhoneFormat();
  return (
    <ul className="ibx-list" aria-label="Conversations">
      {!rows.length && (
        <li className="ibx-none" role="status">
          {empty}
        </li>
      )}
      {rows.map((c) => {
        const who = c.name ?? phone(c.phone);
        return (
          <li key={c.contactId}>
            <Button
              className={`ibx-item${c.unread ? ' unread' : ''}${c.contactId === selected ? ' selected' : ''}`}
              aria-current={c.contactId === selected ? 'true' : undefined}
              aria-label={`${who}${c.unread ? `, ${c.unread} unread` : ''}${c.optedOut ? ', opted out' : ''}`}
              onClick={() => onSelect(c.contactId)}
            >
              <span className={`ibx-avatar${c.optedOut ? ' out' : ''}`} aria-hidden="true">
                {initials(c.name, c.phone)}
              </span>
              <span className="ibx-item-main">
                <span className="ibx-item-top">
                  <span className="ibx-item-name">{who}</span>
                  <span className="ibx-item-when">{shortWhen(c.lastAt)}</span>
                </span>
                <span className="ibx-item-bottom">
                  <span className="ibx-item-last">{c.lastMessage}</span>
                  {c.optedOut && <Badge tone="bad">Opted out</Badge>}
                  {c.unread > 0 && <span className="ibx-count">{c.unread}</span>}
                </span>
              </span>
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
