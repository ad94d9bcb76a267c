import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { ErrorBanner, Loading, PageHeader, Stat, formatWhen } from '../components/ui';

export function MonitoringPage() {
  const q = useQuery(() => api.monitoring.overview({}), [], ['campaigns', 'inbox']);
  const d = q.data;
  return (
    <section className="page">
      <PageHeader title="Monitoring" subtitle="Is everything flowing? Queues, webhooks and failures at a glance." />
      <ErrorBanner message={q.error} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <h2 className="section-title">Outbox</h2>
          <div className="stats">
            <Stat label="Queued" value={(d.outbox.queued ?? 0) + (d.outbox.retry_wait ?? 0)} />
            <Stat label="Sending" value={d.outbox.sending ?? 0} />
            <Stat label="Delivered" value={d.outbox.delivered ?? 0} tone="good" />
            <Stat label="Failed" value={(d.outbox.failed ?? 0) + (d.outbox.undelivered ?? 0)} tone={(d.outbox.failed ?? 0) ? 'bad' : undefined} />
            <Stat label="Unknown (needs a check)" value={d.outbox.unknown ?? 0} tone={(d.outbox.unknown ?? 0) ? 'warn' : undefined} />
          </div>
          <h2 className="section-title">Provider events</h2>
          <div className="stats">
            <Stat label="Processed" value={d.webhookEvents.processed ?? 0} />
            <Stat label="Waiting" value={(d.webhookEvents.pending ?? 0) + (d.webhookEvents.failed ?? 0)} />
            <Stat label="Dead letters" value={d.deadLetters} tone={d.deadLetters ? 'bad' : undefined} />
            <Stat label="Last event" value={formatWhen(d.lastWebhookAt)} />
            <Stat label="Last send" value={formatWhen(d.lastSendAt)} />
          </div>
        </>
      )}
    </section>
  );
}
