import type { ContactMessage } from '../../../../shared/ipc/channels/contacts';
import { Badge } from '../ui';
import { formatWhenShort, messageState } from './format';

const KIND: Record<string, string> = {
  reply: 'Your reply',
  confirmation: 'Automatic confirmation',
  help: 'Automatic HELP answer',
};

function Outbound({ m }: { m: Extract<ContactMessage, { direction: 'out' }> }) {
  const state = messageState(m.state);
  return (
    <li className="ct-msg out">
      <div className="ct-msg-meta">
        <span>
          {m.kind === 'campaign' ? (m.campaignName ? `Campaign · ${m.campaignName}` : 'Campaign') : KIND[m.kind]}
        </span>
        <Badge tone={state.tone}>{state.text}</Badge>
      </div>
      <p className="ct-bubble">{m.body}</p>
      <div className="ct-msg-foot">
        <time dateTime={m.at}>{formatWhenShort(m.at)}</time>
        {m.errorMessage && <span className="bad"> · {m.errorMessage}</span>}
      </div>
    </li>
  );
}

function Inbound({ m }: { m: Extract<ContactMessage, { direction: 'in' }> }) {
  return (
    <li className="ct-msg in">
      <div className="ct-msg-meta">
        <span>Reply{m.campaignName ? ` to ${m.campaignName}` : ''}</span>
        {m.keyword && <Badge tone={/stop|unsub|cancel|end|quit/i.test(m.keyword) ? 'bad' : 'info'}>{m.keyword}</Badge>}
      </div>
      <p className="ct-bubble">{m.body}</p>
      <div className="ct-msg-foot">
        <time dateTime={m.at}>{formatWhenShort(m.at)}</time>
      </div>
    </li>
  );
}

/** Texts sent to and received from this contact, newest first, with where each one stands. */
export function MessageHistory({ messages, total }: { messages: ContactMessage[]; total: number }) {
  if (!messages.length) return <p className="muted small ct-none">No texts yet, either way.</p>;
  return (
    <>
      <ol className="ct-messages" aria-label="Message history">
        {messages.map((m) =>
          m.direction === 'out' ? <Outbound key={`o${m.id}`} m={m} /> : <Inbound key={`i${m.id}`} m={m} />,
        )}
      </ol>
      {total > messages.length && (
        <p className="muted small">
          The latest {messages.length} of {total.toLocaleString()} texts.
        </p>
      )}
    </>
  );
}
