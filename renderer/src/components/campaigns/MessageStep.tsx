import { useRef } from 'react';
import { formatMoney, plural } from './format';
import type { MessageModel } from './useMessageModel';
import type { FieldErrors } from './wizard-checks';
import type { WizardState } from './wizard-state';
import { FieldError, SmsBubble } from './WizardParts';
import { DraftWithGemini } from '../ai/DraftWithGemini';
import { usePhoneFormat } from '../phone/usePhoneFormat';
import { Button, Segmented, Select, Textarea } from '../ui';

const INSERTS: Array<{ label: string; text: string }> = [
  { label: 'First name', text: '{{first_name|there}}' },
  { label: 'Business name', text: '{{business_name}}' },
  { label: 'Opt-out wording', text: 'Reply STOP to opt out' },
];

export function MessageStep({
  state,
  update,
  model,
  errors,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  model: MessageModel;
  errors: FieldErrors;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const phone = usePhoneFormat();
  const templates = model.templates ?? [];

  // Puts a placeholder where the cursor is, with a space on either side when the text runs into it.
  const insert = (text: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? state.body.length;
    const end = el?.selectionEnd ?? state.body.length;
    const before = state.body.slice(0, start);
    const after = state.body.slice(end);
    const piece = `${before && !/\s$/.test(before) ? ' ' : ''}${text}${after && !/^\s/.test(after) ? ' ' : ''}`;
    update({ body: before + piece + after });
    requestAnimationFrame(() => {
      el?.focus();
      const at = before.length + piece.length;
      el?.setSelectionRange(at, at);
    });
  };

  const p = model.preview;
  return (
    <div className="cw-split">
      <div className="cw-form">
        <Segmented
          label="Where the message comes from"
          name="cw-source"
          value={state.source}
          onChange={(source) => update({ source })}
          options={[
            { value: 'inline', label: 'Write it here' },
            { value: 'template', label: 'Use a saved template', disabled: templates.length === 0 },
          ]}
        />
        {templates.length === 0 && model.templates && (
          <p className="muted small">
            No saved templates yet — write the message here, or save one on the Templates page.
          </p>
        )}

        {state.source === 'template' ? (
          <div className="cw-field">
            <label htmlFor="cw-template">Template</label>
            <Select
              id="cw-template"
              value={state.templateId ?? ''}
              onChange={(e) => update({ templateId: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">Choose a template…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.category ? ` · ${t.category}` : ''}
                </option>
              ))}
            </Select>
            {model.template && (
              <div className="cw-template-body">
                <p>{model.template.body}</p>
                <Button
                  variant="secondary"
                  size="small"
                  onClick={() => update({ source: 'inline', body: model.template!.body, templateId: null })}
                >
                  Edit a copy here
                </Button>
              </div>
            )}
          </div>
        ) : (
          <div className="cw-field">
            <label htmlFor="cw-body">Message</label>
            <div className="cw-inserts" role="group" aria-label="Insert into the message">
              {INSERTS.map((i) => (
                <Button key={i.label} className="cw-insert" onClick={() => insert(i.text)}>
                  + {i.label}
                </Button>
              ))}
            </div>
            <DraftWithGemini onUse={(text) => update({ body: text })} />
            <Textarea
              id="cw-body"
              ref={area}
              rows={6}
              value={state.body}
              placeholder="Hi {{first_name|there}}, … Reply STOP to opt out"
              aria-invalid={!!errors.message}
              aria-describedby="cw-counter"
              onChange={(e) => update({ body: e.target.value })}
            />
          </div>
        )}

        <p id="cw-counter" className="cw-counter" aria-live="polite">
          {p ? (
            <>
              <span data-testid="cw-chars">{plural(p.characters, 'character')}</span>
              <span data-testid="cw-segments">{plural(p.segments, 'segment')}</span>
              <span className={`badge ${p.encoding === 'GSM-7' ? 'good' : 'warn'}`}>{p.encoding}</span>
              <span className="muted">
                {p.encoding === 'GSM-7'
                  ? '160 characters per segment (153 when split)'
                  : '70 characters per segment (67 when split)'}
              </span>
            </>
          ) : (
            <span className="muted">Counts appear as you write.</span>
          )}
        </p>
        <FieldError id="cw-message-error" message={errors.message} />

        <section className="cw-checks" aria-label="Message checks">
          <h3>Checks</h3>
          {!model.body.trim() ? (
            <p className="muted small">Compliance and delivery checks appear once there is a message.</p>
          ) : model.checks.length === 0 ? (
            <p className="cw-ok">✓ Says who it is from and how to opt out; nothing blocks sending.</p>
          ) : (
            <ul>
              {model.checks.map((c, i) => (
                <li key={i} className={c.severity}>
                  <span className="cw-check-kind" aria-label={c.severity === 'error' ? 'Must fix' : 'Warning'}>
                    {c.severity === 'error' ? '!' : 'i'}
                  </span>
                  <span>
                    {c.message}
                    {c.affected !== undefined && <span className="muted"> ({plural(c.affected, 'recipient')})</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <aside className="cw-aside">
        <div className="cw-card">
          <div className="cw-preview-head">
            <label htmlFor="cw-sample">Preview for</label>
            {model.samples && model.samples.contacts.length > 0 ? (
              <Select
                id="cw-sample"
                value={model.sampleIndex}
                onChange={(e) => model.setSampleIndex(Number(e.target.value))}
              >
                {model.samples.contacts.map((c, i) => (
                  <option key={c.id} value={i}>
                    {c.label}
                  </option>
                ))}
              </Select>
            ) : (
              <span className="muted small">an example contact (no contacts yet)</span>
            )}
          </div>
          <SmsBubble
            text={p?.text ?? ''}
            testId="cw-preview-bubble"
            meta={model.sample ? `To ${phone(model.sample.phone)}` : undefined}
          />
        </div>
        <CostCard model={model} />
      </aside>
    </div>
  );
}

export function CostCard({ model }: { model: MessageModel }) {
  const { cost, measure } = model;
  return (
    <section className="cw-card cw-cost" aria-label="Estimated cost" aria-busy={measure.pending}>
      <h3>Estimated cost</h3>
      {measure.error ? (
        <p className="error-text">{measure.error}</p>
      ) : cost ? (
        <>
          <p className="cw-cost-figure" data-testid="cw-cost">
            {cost.exact ? '' : '≈ '}
            {formatMoney(cost.total)}
          </p>
          <p className="muted small">
            {plural(cost.messages, 'message')} × {plural(cost.typicalSegments, 'segment')} typically ×{' '}
            {formatMoney(cost.pricePerSegment)} per segment
            {measure.data &&
              measure.data.segments.max > measure.data.segments.min &&
              ` (${measure.data.segments.min}–${measure.data.segments.max} segments depending on the contact)`}
            .
          </p>
        </>
      ) : (
        <p className="muted small">{model.body.trim() ? 'Measuring…' : 'Appears once there is a message.'}</p>
      )}
    </section>
  );
}
