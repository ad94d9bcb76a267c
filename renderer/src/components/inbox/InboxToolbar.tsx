import './inbox.css';
import { TextInput, Button } from '../ui';
export interface InboxFilter {
  unreadOnly: boolean;
  search: string;
}

/** Above the conversations: all or only unread ones, and a search over names, numbers and message text. */
export function InboxToolbar({
  value,
  unread,
  onChange,
}: {
  value: InboxFilter;
  unread: number;
  onChange(next: InboxFilter): void;
}) {
  return (
    <div className="ibx-toolbar">
      <div className="ibx-seg" role="group" aria-label="Which conversations">
        <Button
          className={value.unreadOnly ? '' : 'active'}
          aria-pressed={!value.unreadOnly}
          onClick={() => onChange({ ...value, unreadOnly: false })}
        >
          All
        </Button>
        <Button
          className={value.unreadOnly ? 'active' : ''}
          aria-pressed={value.unreadOnly}
          onClick={() => onChange({ ...value, unreadOnly: true })}
        >
          Unread{unread ? ` (${unread})` : ''}
        </Button>
      </div>
      <TextInput
        type="search"
        className="ibx-search"
        aria-label="Search conversations"
        placeholder="Search name, phone or message"
        value={value.search}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
      />
    </div>
  );
}
