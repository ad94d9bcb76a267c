import { useEffect, useState } from 'react';
import { api, onEvent } from '../api/client';
import { useQuery } from '../api/useQuery';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { Icon } from '../components/icons';
import { ConversationList } from '../components/inbox/ConversationList';
import { ThreadView } from '../components/inbox/ThreadView';
import { InboxToolbar, type InboxFilter } from '../components/inbox/InboxToolbar';
import { useDebounced } from '../components/contacts/useDebounced';

/** Conversations on the left, the open one on the right; both follow new texts as they arrive. */
export function InboxPage() {
  const [selected, setSelected] = useState<number | null>(null);
  const [filter, setFilter] = useState<InboxFilter>({ unreadOnly: false, search: '' });
  const search = useDebounced(filter.search.trim(), 200);
  const list = useQuery(
    () =>
      api.inbox.conversations({ limit: 200, offset: 0, unreadOnly: filter.unreadOnly, ...(search ? { search } : {}) }),
    [filter.unreadOnly, search],
    ['inbox', 'optouts'],
  );
  const unreadCount = useQuery(() => api.inbox.unread({}), [], ['inbox']);
  const { reload: reloadUnread } = unreadCount;
  const thread = useQuery(
    () => (selected === null ? Promise.resolve(null) : api.inbox.thread({ contactId: selected })),
    [selected],
    ['inbox', 'optouts'],
  );
  const { reload: reloadList } = list;
  const { reload: reloadThread } = thread;

  // A text arriving for the open conversation is read by the person looking at it.
  useEffect(
    () =>
      onEvent('inbox:message', (p) => {
        if (p.contactId === selected && document.visibilityState === 'visible')
          void api.inbox.markRead({ contactId: p.contactId });
        reloadList();
        reloadThread();
        reloadUnread();
      }),
    [selected, reloadList, reloadThread, reloadUnread],
  );

  // The dispatcher sends our replies without an inbox event: look again while one is about to go (receipts and
  // replies announce themselves; one waiting hours for quiet hours to end is not worth polling for).
  const messages = thread.data?.messages;
  useEffect(() => {
    const soon = messages?.some(
      (m) =>
        m.direction === 'out' &&
        (m.state === 'sending' ||
          ((m.state === 'queued' || m.state === 'retry_wait') &&
            (!m.nextAttemptAt || Date.parse(m.nextAttemptAt) < Date.now() + 60_000))),
    );
    if (!soon) return;
    const timer = setInterval(reloadThread, 2000);
    return () => clearInterval(timer);
  }, [messages, reloadThread]);

  const open = (contactId: number) => {
    setSelected(contactId);
    void api.inbox.markRead({ contactId }).then((r) => {
      if (!r.marked) return;
      reloadList();
      reloadUnread();
    });
  };

  const rows = list.data ?? [];
  const unread = unreadCount.data?.messages ?? 0;
  const filtered = filter.unreadOnly || search !== '';
  return (
    <section className="page inbox-page">
      <PageHeader
        title="Inbox"
        subtitle={unread ? `Replies from your contacts · ${unread} unread` : 'Replies from your contacts.'}
      />
      <ErrorBanner message={list.error ?? thread.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : rows.length || filtered ? (
        <>
          <InboxToolbar value={filter} unread={unreadCount.data?.conversations ?? 0} onChange={setFilter} />
          <div className="ibx">
            <ConversationList
              rows={rows}
              selected={selected}
              onSelect={open}
              empty={
                search
                  ? `No conversation matches “${search}”${filter.unreadOnly ? ' among the unread ones' : ''}.`
                  : 'Every conversation is read.'
              }
            />
            {thread.data ? (
              <ThreadView
                thread={thread.data}
                onChanged={() => {
                  reloadThread();
                  reloadList();
                  reloadUnread();
                }}
              />
            ) : (
              <div className="ibx-thread ibx-placeholder">
                <Icon name="inbox" size={34} />
                <p className="muted">
                  {selected === null ? 'Choose a conversation to read it and reply.' : 'Loading…'}
                </p>
              </div>
            )}
          </div>
        </>
      ) : (
        <EmptyState title="No replies yet" icon="inbox">
          When contacts answer your messages, their conversations appear here.
        </EmptyState>
      )}
    </section>
  );
}
