import type { AudienceCount } from '../../../../shared/audience';
import type { SegmentRow } from '../../../../shared/ipc/channels/contacts';
import type { TagCount } from '../../../../shared/ipc/channels/tags';
import { SegmentPicker } from './SegmentPicker';
import { TagPicker } from './TagPicker';
import { EXCLUSION_WORDS, audienceInWords } from './describe';
import type { DebouncedLoad } from './useDebouncedLoad';
import type { FieldErrors } from './wizard-checks';
import type { WizardState } from './wizard-state';
import { FieldError } from './WizardParts';
import { Checkbox, Segmented, Select, TextInput } from '../ui';
import { ReachableByOptions, reachableByValue } from '../channels/ReachableByOptions';

/** Who gets it, live: eligible in large type, then who matched and who is left out and why. */
export function AudienceCountPanel({ count }: { count: DebouncedLoad<AudienceCount> }) {
  const c = count.data;
  return (
    <section className="cw-count" aria-label="Audience count" aria-live="polite" aria-busy={count.pending}>
      <div className="cw-count-head">
        <span className="cw-count-figure" data-testid="audience-eligible">
          {c ? c.eligible.toLocaleString() : '…'}
        </span>
        <span className="cw-count-caption">
          {c && c.eligible === 1 ? 'person will get this message' : 'people will get this message'}
        </span>
        {count.pending && <span className="cw-spinner" aria-hidden="true" />}
      </div>
      {count.error && <p className="error-text">{count.error}</p>}
      {c && (
        <>
          <p className="cw-count-matched" data-testid="audience-matched">
            {c.matched === 0
              ? 'No contacts match these filters.'
              : `${c.matched.toLocaleString()} ${c.matched === 1 ? 'contact matches' : 'contacts match'} your filters.`}
          </p>
          <ul className="cw-exclusions" aria-label="Left out, whatever the filters say">
            {EXCLUSION_WORDS.map((w) => (
              <li key={w.key} className={c.excluded[w.key] ? 'some' : 'none'}>
                <strong>{c.excluded[w.key].toLocaleString()}</strong> {w.label}
                <span className="muted"> — {w.why}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function AudienceStep({
  state,
  update,
  tags,
  segments,
  count,
  errors,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  tags: TagCount[] | undefined;
  segments: SegmentRow[] | undefined;
  count: DebouncedLoad<AudienceCount>;
  errors: FieldErrors;
}) {
  return (
    <div className="cw-split">
      <div className="cw-form">
        <div className="cw-field">
          <label htmlFor="cw-name">Campaign name</label>
          <TextInput
            id="cw-name"
            value={state.name}
            maxLength={100}
            placeholder="e.g. Spring sale — regulars"
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? 'cw-name-error' : undefined}
            onChange={(e) => update({ name: e.target.value })}
          />
          <FieldError id="cw-name-error" message={errors.name} />
        </div>

        <SegmentPicker
          id="cw-segment"
          segments={segments}
          value={state.segmentId}
          onChange={(segmentId) => update({ segmentId })}
        />

        {tags === undefined ? (
          <p className="muted">Loading tags…</p>
        ) : tags.length === 0 ? (
          <div className="cw-note">
            <strong>No tags yet.</strong> Without tags the campaign goes to every contact who can be texted. Tag
            contacts when you import them, or on the Contacts page, to send to a group.
          </div>
        ) : (
          <>
            <TagPicker
              legend="Send to contacts tagged"
              hint="Pick none to send to everyone."
              tags={tags}
              selected={state.tags}
              unavailable={state.excludeTags}
              onChange={(next) => update({ tags: next })}
            />
            {state.tags.length > 1 && (
              <Segmented
                label="Which tags must a contact have"
                name="cw-tag-mode"
                value={state.tagMode}
                onChange={(tagMode) => update({ tagMode })}
                options={[
                  { value: 'any', label: 'Any of these tags' },
                  { value: 'all', label: 'All of these tags' },
                ]}
              />
            )}
            <TagPicker
              legend="Leave out contacts tagged"
              tone="exclude"
              tags={tags}
              selected={state.excludeTags}
              unavailable={state.tags}
              onChange={(next) => update({ excludeTags: next })}
            />
          </>
        )}

        <div className="cw-field cw-inline-field">
          <label htmlFor="cw-min-days">Only contacts not texted in the last</label>
          <div className="cw-with-unit">
            <TextInput
              id="cw-min-days"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              placeholder="any"
              value={state.minDays}
              aria-describedby="cw-min-days-hint"
              onChange={(e) => update({ minDays: e.target.value })}
            />
            <span>days</span>
          </div>
          <p id="cw-min-days-hint" className="muted small">
            Leave empty to include everyone. Contacts you have never texted always qualify.
          </p>
        </div>
        <ReachableByChoice state={state} update={update} />
        <OptOutRiskChoice state={state} update={update} />
        <FieldError id="cw-audience-error" message={errors.audience} />
      </div>

      <aside className="cw-aside">
        <AudienceCountPanel count={count} />
        <p className="cw-in-words">{audienceInWords(state)}</p>
      </aside>
    </div>
  );
}

/**
 * "Can be reached by": only the contacts a channel reaches now (consent and no opt-out on it), kept with the audience
 * and in a segment saved from it. The campaign's own channels still decide what each contact gets.
 */
function ReachableByChoice({ state, update }: { state: WizardState; update: (patch: Partial<WizardState>) => void }) {
  const { reachableBy, ...rest } = state.keep.audience;
  const set = (value: string) => {
    const channel = reachableByValue(value);
    update({ keep: { ...state.keep, audience: channel ? { ...rest, reachableBy: channel } : rest } });
  };
  return (
    <Select
      label="Can be reached by"
      hint="Only people who agreed to that channel and did not opt out of it, unsubscribe or ask not to be called."
      fieldClassName="cw-field"
      value={reachableBy ?? ''}
      onChange={(e) => set(e.target.value)}
    >
      <ReachableByOptions />
    </Select>
  );
}

/** "Exclude high opt-out risk": the predictions' audience filter (it leaves nobody out until that model is usable). */
function OptOutRiskChoice({ state, update }: { state: WizardState; update: (patch: Partial<WizardState>) => void }) {
  const { optOutRisk, ...rest } = state.keep.audience;
  const set = (on: boolean) =>
    update({ keep: { ...state.keep, audience: on ? { ...rest, optOutRisk: 'exclude-high' } : rest } });
  return (
    <div className="cw-field">
      <Checkbox
        label="Leave out contacts at high risk of opting out"
        checked={optOutRisk === 'exclude-high'}
        aria-describedby="cw-risk-hint"
        onChange={(e) => set(e.target.checked)}
      />
      <p id="cw-risk-hint" className="muted small">
        Rated by Analytics → Who will reply, who may opt out. Nobody is left out while that prediction does not beat the
        base rate.
      </p>
    </div>
  );
}
