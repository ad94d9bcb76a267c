import { useEffect } from 'react';
import { api, onEvent } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import './inbox.css';

/** The sidebar's count of conversations with unread texts; follows new texts and the owner reading them. */
export function InboxNavBadge() {
  const q = useQuery(() => api.inbox.unread({}), [], ['inbox']);
  const { reload } = q;
  useEffect(() => onEvent('inbox:message', () => reload()), [reload]);
  const n = q.data?.conversations ?? 0;
  if (!n) return null;
  return (
    <span className="nav-badge" data-testid="inbox-unread-badge">
      {n}
      <span className="sr-only"> unread</span>
    </span>
  );
}
