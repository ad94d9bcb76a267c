import { useEffect, useState } from 'react';
import { api, onEvent } from '../api/client';
import { useQuery } from '../api/useQuery';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { Icon } from '../components/icons';
import { ConversationList } from '../components/inbox/ConversationList';
import { ThreadView } from '../components/inbox/ThreadView';

/** Conversations on the left, the open one on the right; both follow new texts as they arrive. */
export function InboxPage() {
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery(() => api.inbox.conversations({ limit: 200, offset: 0 }), [], ['inbox', 'optouts']);
  const thread = useQuery(() => (selected === null ? Promise.resolve(null) : api.inbox.thread({ contactId: selected })), [selected], ['inbox', 'optouts']);
  const { reload: reloadList } = list;
  const { reload: reloadThread } = thread;

  // A text arriving for the open conversation is read by the person looking at it.
  useEffect(
    () =>
      onEvent('inbox:message', (p) => {
        if (p.contactId === selected && document.visibilityState === 'visible') void api.inbox.markRead({ contactId: p.contactId });
        reloadList();
        reloadThread();
      }),
    [selected, reloadList, reloadThread],
  );

  // The dispatcher sends our replies without an inbox event: look again while one is about to go (receipts and
  // replies announce themselves; one waiting hours for quiet hours to end is not worth polling for).
  const messages = thread.data?.messages;
  useEffect(() => {
    const soon = messages?.some(
      (m) => m.direction === 'out' && (m.state === 'sending' || ((m.state === 'queued' || m.state === 'retry_wait') && (!m.nextAttemptAt || Date.parse(m.nextAttemptAt) < Date.now() + 60_000))),
    );
    if (!soon) return;
    const timer = setInterval(reloadThread, 2000);
    return () => clearInterval(timer);
  }, [messages, reloadThread]);

  const open = (contactId: number) => {
    setSelected(contactId);
    void api.inbox.markRead({ contactId }).then((r) => r.marked && reloadList());
  };

  const rows = list.data ?? [];
  const unread = rows.reduce((n, c) => n + c.unread, 0);
  return (
    <section className="page inbox-page">
      <PageHeader title="Inbox" subtitle={unread ? `Replies from your contacts · ${unread} unread` : 'Replies from your contacts.'} />
      <ErrorBanner message={list.error ?? thread.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length ? (
        <div className="ibx">
          <ConversationList rows={rows} selected={selected} onSelect={open} />
          {thread.data ? (
            <ThreadView
              thread={thread.data}
              onChanged={() => {
                reloadThread();
                reloadList();
              }}
            />
          ) : (
            <div className="ibx-thread ibx-placeholder">
              <Icon name="inbox" size={34} />
              <p className="muted">{selected === null ? 'Choose a conversation to read it and reply.' : 'Loading…'}</p>
            </div>
          )}
        </div>
      ) : (
        <EmptyState title="No replies yet" icon="inbox">
          When contacts answer your messages, their conversations appear here.
        </EmptyState>
      )}
    </section>
  );
}
