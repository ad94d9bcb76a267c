import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader, formatWhen } from '../components/ui';

export function ContactsPage() {
  const [search, setSearch] = useState('');
  const q = useQuery(() => api.contacts.list({ search: search || undefined, limit: 100, offset: 0 }), [search], ['contacts']);
  return (
    <section className="page">
      <PageHeader
        title="Contacts"
        subtitle={q.data ? `${q.data.total.toLocaleString()} contact${q.data.total === 1 ? '' : 's'}` : undefined}
        actions={<input className="search" type="search" placeholder="Search name, phone or email" aria-label="Search contacts" value={search} onChange={(e) => setSearch(e.target.value)} />}
      />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data && q.data.rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Phone</th>
              <th>Email</th>
              <th>Tags</th>
              <th>Status</th>
              <th>Added</th>
            </tr>
          </thead>
          <tbody>
            {q.data.rows.map((c) => (
              <tr key={c.id}>
                <td>{[c.firstName, c.lastName].filter(Boolean).join(' ') || <span className="muted">No name</span>}</td>
                <td className="mono">{c.phone}</td>
                <td>{c.email ?? ''}</td>
                <td>{c.tags.map((t) => <Badge key={t}>{t}</Badge>)}</td>
                <td>{c.optedOut ? <Badge tone="bad">Opted out</Badge> : c.textable ? <Badge tone="good">Textable</Badge> : <Badge tone="warn">Not textable</Badge>}</td>
                <td>{formatWhen(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState title={search ? 'No contacts match your search' : 'No contacts yet'} icon="contacts">
          {search ? 'Try a name, part of a phone number, or an email.' : 'Import a CSV or vCard file from Google, Outlook, Shopify or your phone to get started.'}
        </EmptyState>
      )}
    </section>
  );
}
