import { useState } from 'react';
import './contacts.css';
import { Radio, TextInput } from '../ui';

/** The usual ways a small business gets permission to text; "Other" takes the owner's own words. */
export const CONSENT_ANSWERS = ['Signed up in store', 'Signed up on our website', 'Gave verbal consent'] as const;

/** Extra choices a form may offer after the ways of agreeing, each with its meaning for the caller. */
export interface ConsentOption {
  value: 'not_stated' | 'declined';
  label: string;
}

/** What the owner answered: how they agreed (their words), one of the extra options, or nothing yet. */
export type ConsentAnswer = { kind: 'agreed'; how: string } | { kind: ConsentOption['value'] } | null;

/**
 * "How did they agree to get texts?" as radio choices with an "Other: …" field. The answer is only complete when
 * a choice is made (and, for Other, words are typed): until then the caller keeps its Save disabled or saves the
 * contact as not textable, never as agreed.
 */
export function ConsentQuestion({
  legend,
  name,
  options = [],
  initial = null,
  onChange,
}: {
  legend: string;
  name: string;
  options?: ConsentOption[];
  /** An answer given before (the question shown again after going back a step). */
  initial?: ConsentAnswer;
  onChange(answer: ConsentAnswer): void;
}) {
  const preset = initial?.kind === 'agreed' && (CONSENT_ANSWERS as readonly string[]).includes(initial.how);
  const [choice, setChoice] = useState<string | null>(
    initial === null ? null : initial.kind === 'agreed' ? (preset ? initial.how : 'other') : initial.kind,
  );
  const [other, setOther] = useState(initial?.kind === 'agreed' && !preset ? initial.how : '');
  const pick = (next: string, otherText = other) => {
    setChoice(next);
    if (next === 'other') onChange(otherText.trim() ? { kind: 'agreed', how: otherText.trim() } : null);
    else if (next === 'not_stated' || next === 'declined') onChange({ kind: next });
    else onChange({ kind: 'agreed', how: next });
  };
  return (
    <fieldset className="ct-consent" data-testid={`consent-${name}`}>
      <legend>{legend}</legend>
      {CONSENT_ANSWERS.map((a) => (
        <Radio key={a} className="ct-radio" name={name} checked={choice === a} onChange={() => pick(a)} label={a} />
      ))}
      <div className="ct-consent-other">
        <Radio
          className="ct-radio"
          name={name}
          checked={choice === 'other'}
          onChange={() => pick('other')}
          label="Other:"
        />
        <TextInput
          aria-label="How they agreed, in your words"
          placeholder="e.g. ticked the box on our paper form"
          value={other}
          autoComplete="off"
          maxLength={500}
          onFocus={() => choice !== 'other' && pick('other')}
          onChange={(e) => {
            setOther(e.target.value);
            pick('other', e.target.value);
          }}
        />
      </div>
      {options.map((o) => (
        <Radio
          key={o.value}
          className="ct-radio"
          name={name}
          checked={choice === o.value}
          onChange={() => pick(o.value)}
          label={o.label}
        />
      ))}
    </fieldset>
  );
}
