import { CHANNELS, CHANNEL_LABEL, type ChannelReach } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';
import { Banner, Button, Choice } from '../ui';
import { plural } from './format';
import type { WizardState } from './wizard-state';
import './channels.css';

const CHANNEL_NOTE: Record<Channel, string> = {
  sms: 'Textable mobile numbers that have not opted out.',
  email: 'An address with e-mail consent, not unsubscribed or bounced.',
  voice: 'Written consent to prerecorded calls, not on your do-not-call list.',
};

/**
 * Which channels the campaign uses and in what order: each contact gets the first one they can be reached on
 * (a text, else an e-mail…), or every one when the owner asks. Counts are live, from who each channel reaches.
 */
export function ChannelsPanel({
  state,
  update,
  reach,
  voiceBlocked,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  reach: ChannelReach | null;
  /** Why calls cannot be chosen (Quo has no call API), or null. */
  voiceBlocked: string | null;
}) {
  const chosen = state.channels;
  const rest = CHANNELS.filter((c) => !chosen.includes(c));
  const figures = (c: Channel) => reach?.channels.find((r) => r.channel === c) ?? null;
  const toggle = (c: Channel, on: boolean) => update({ channels: on ? [...chosen, c] : chosen.filter((x) => x !== c) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...chosen];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    update({ channels: next });
  };
  const row = (c: Channel, i: number | null) => {
    const f = figures(c);
    const blocked = c === 'voice' && voiceBlocked !== null && i === null;
    return (
      <li key={c} className={`ch-row${i === null ? ' off' : ''}`} data-testid={`channel-${c}`}>
        <span className="ch-order" aria-hidden="true">
          {i === null ? '' : i + 1}
        </span>
        <Choice
          type="checkbox"
          className="ch-name"
          checked={i !== null}
          disabled={blocked}
          onChange={(e) => toggle(c, e.target.checked)}
          label={
            <span>
              <strong>{CHANNEL_LABEL[c]}</strong>
              <span className="muted small ch-note">{blocked ? voiceBlocked : CHANNEL_NOTE[c]}</span>
            </span>
          }
        />
        <span className="ch-count small" data-testid={`channel-${c}-count`}>
          {i !== null && f ? (
            <>
              <strong>{plural(f.gets, 'person', 'people')}</strong> get it
              <span className="muted"> · {f.reachable.toLocaleString()} reachable</span>
            </>
          ) : i !== null ? (
            'Counting…'
          ) : null}
        </span>
        {i !== null && chosen.length > 1 && (
          <span className="ch-move">
            <Button
              variant="secondary"
              size="small"
              disabled={i === 0}
              aria-label={`Move ${CHANNEL_LABEL[c]} earlier`}
              onClick={() => move(i, -1)}
            >
              ↑
            </Button>
            <Button
              variant="secondary"
              size="small"
              disabled={i === chosen.length - 1}
              aria-label={`Move ${CHANNEL_LABEL[c]} later`}
              onClick={() => move(i, 1)}
            >
              ↓
            </Button>
          </span>
        )}
      </li>
    );
  };
  return (
    <section className="cw-card ch-panel" aria-labelledby="ch-title">
      <h3 id="ch-title">Channels</h3>
      <p className="muted small">
        {state.everyChannel
          ? 'Each contact gets the campaign on every chosen channel they can be reached on.'
          : 'Each contact gets the campaign once, on the first channel in this order they can be reached on.'}
      </p>
      <ol className="ch-list">
        {chosen.map((c, i) => row(c, i))}
        {rest.map((c) => row(c, null))}
      </ol>
      {chosen.length > 1 && (
        <Choice
          type="checkbox"
          className="ch-every"
          checked={state.everyChannel}
          onChange={(e) => update({ everyChannel: e.target.checked })}
          label="Send on every channel a contact can be reached on"
        />
      )}
      {state.everyChannel && chosen.length > 1 && (
        <Banner tone="warn" role="none">
          Some people will get this campaign more than once — for example a text and an e-mail. Only do this when the
          messages are meant to go together.
        </Banner>
      )}
      {reach && chosen.length > 0 && (
        <p className="small" data-testid="channel-total">
          <strong>{plural(reach.messages, 'message')}</strong> in all to {plural(reach.matched, 'matching contact')}
          {reach.unreachable > 0 && (
            <span className="muted">
              ; {plural(reach.unreachable, 'contact')} can be reached on none of these channels and will not get it
            </span>
          )}
          .
        </p>
      )}
    </section>
  );
}
