import type { ReactNode } from 'react';
import type { AudienceCount } from '../../../../shared/audience';
import { audienceInWords, exclusionsInWords, quietHoursInWords, scheduleInWords } from './describe';
import { PROVIDER_LABEL, formatMoney, plural } from './format';
import type { MessageModel } from './useMessageModel';
import type { FieldErrors, WizardField } from './wizard-checks';
import type { WizardState } from './wizard-state';
import { FieldError, SmsBubble } from './WizardParts';
import { Button } from '../ui';
import type { ChannelReach } from '../../../../shared/campaign-channels';
import { ChannelReview, type ChannelPrices } from './ChannelReview';

function Row({
  title,
  step,
  field,
  errors,
  onEdit,
  children,
}: {
  title: string;
  step: number;
  field: WizardField;
  errors: FieldErrors;
  onEdit(step: number): void;
  children: ReactNode;
}) {
  return (
    <div className={`cw-review-row${errors[field] ? ' has-error' : ''}`}>
      <dt>{title}</dt>
      <dd>
        <div className="cw-review-value">{children}</div>
        <FieldError id={`cw-review-${field}-error`} message={errors[field]} />
      </dd>
      <div className="cw-review-edit">
        <Button
          variant="secondary"
          size="small"
          onClick={() => onEdit(step)}
          aria-label={`Change ${title.toLowerCase()}`}
        >
          Change
        </Button>
      </div>
    </div>
  );
}

export function ReviewStep({
  state,
  zone,
  provider,
  count,
  model,
  errors,
  onEdit,
  reach,
  prices,
}: {
  state: WizardState;
  zone: string;
  provider: keyof typeof PROVIDER_LABEL;
  count: AudienceCount | null;
  /** Who each channel reaches, for a multi-channel campaign (null for a text campaign). */
  reach: ChannelReach | null;
  prices: ChannelPrices;
  model: MessageModel;
  errors: FieldErrors;
  onEdit(step: number): void;
}) {
  const excluded = count ? exclusionsInWords(count) : null;
  const chosenProvider = state.keep.provider ?? provider;
  const texts = state.channels.includes('sms');
  const multi = !(texts && state.channels.length === 1);
  return (
    <div className="cw-split">
      <dl className="cw-review">
        <Row title="Name" step={0} field="name" errors={errors} onEdit={onEdit}>
          <strong>{state.name || '—'}</strong>
        </Row>
        <Row title="Audience" step={0} field="audience" errors={errors} onEdit={onEdit}>
          <p>{audienceInWords(state)}</p>
          <p data-testid="review-audience">
            {multi ? (
              reach ? (
                <>
                  <strong>{plural(reach.matched - reach.unreachable, 'person', 'people')}</strong> will get it, of{' '}
                  {plural(reach.matched, 'matching contact')}.
                </>
              ) : (
                'Counting…'
              )
            ) : count ? (
              <>
                <strong>{plural(count.eligible, 'person', 'people')}</strong> will get it, of{' '}
                {plural(count.matched, 'matching contact')}.{excluded && <span className="muted"> {excluded}</span>}
              </>
            ) : (
              'Counting…'
            )}
          </p>
        </Row>
        {multi && (
          <Row title="Channels" step={1} field="message" errors={errors} onEdit={onEdit}>
            <p>
              {state.everyChannel
                ? 'Every channel each contact can be reached on:'
                : 'The first channel each contact can be reached on, in this order:'}
            </p>
            <ChannelReview reach={reach} model={model} prices={prices} />
          </Row>
        )}
        {multi && state.channels.includes('email') && (
          <Row title="E-mail" step={1} field="message" errors={errors} onEdit={onEdit}>
            <p>
              Subject “{state.emailSubject}”
              <span className="muted"> · {state.emailKept?.html !== undefined ? 'HTML file' : 'written here'}</span>
            </p>
          </Row>
        )}
        {texts && (
          <Row title={multi ? 'Text message' : 'Message'} step={1} field="message" errors={errors} onEdit={onEdit}>
            <p>
              {model.template ? <>Template “{model.template.name}”</> : 'Written for this campaign'}
              {model.preview && (
                <span className="muted">
                  {' '}
                  · {plural(model.preview.segments, 'segment')} ({model.preview.encoding}) for{' '}
                  {model.sample?.label ?? 'an example contact'}
                </span>
              )}
            </p>
            {model.checks.length > 0 && (
              <p className="warn-text small">
                {plural(model.checks.length, 'check')} to look at — see the Message step.
              </p>
            )}
          </Row>
        )}
        <Row title="Schedule" step={2} field="schedule" errors={errors} onEdit={onEdit}>
          <p data-testid="review-schedule">{scheduleInWords(state, zone)}</p>
        </Row>
        <Row title="Quiet hours" step={2} field="quietHours" errors={errors} onEdit={onEdit}>
          <p>{quietHoursInWords(state)}</p>
        </Row>
        <div className={`cw-review-row${errors.provider ? ' has-error' : ''}`}>
          <dt>Provider</dt>
          <dd>
            <p data-testid="review-provider">{PROVIDER_LABEL[chosenProvider]}</p>
            {chosenProvider !== 'sandbox' && (
              <p className="muted small">
                Real texts will be sent and charged by {chosenProvider === 'quo' ? 'Quo' : 'Twilio'}.
              </p>
            )}
            <FieldError id="cw-review-provider-error" message={errors.provider} />
          </dd>
          <div className="cw-review-edit" />
        </div>
        {!multi && (
          <div className="cw-review-row">
            <dt>Estimated cost</dt>
            <dd>
              {model.cost ? (
                <p>
                  <strong data-testid="review-cost">
                    {model.cost.exact ? '' : '≈ '}
                    {formatMoney(model.cost.total)}
                  </strong>{' '}
                  <span className="muted">
                    for {plural(model.cost.messages, 'message')} at {formatMoney(model.cost.pricePerSegment)} per
                    segment
                  </span>
                </p>
              ) : (
                <p className="muted">Measuring…</p>
              )}
            </dd>
            <div className="cw-review-edit" />
          </div>
        )}
      </dl>
      {texts && (
        <aside className="cw-aside">
          <div className="cw-card">
            <h3 className="cw-card-title">What {model.sample?.label ?? 'a contact'} will get</h3>
            <SmsBubble text={model.preview?.text ?? ''} testId="cw-review-bubble" />
          </div>
        </aside>
      )}
    </div>
  );
}
