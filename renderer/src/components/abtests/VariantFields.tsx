import { MAX_VARIANTS, MIN_VARIANTS, variantLetter } from '../../../../shared/abtests';
import { Button, Textarea, TextInput } from '../ui';
import { VariantIdeas } from '../ai/VariantIdeas';

export interface VariantDrafts {
  bodies: string[];
  /** E-mail variants' subject lines (one per variant; unused for texts). */
  subjects: string[];
  split: number[];
}

export function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** The variants of a new A/B test: a text each, or for e-mail a subject line and a Markdown body each, with shares. */
export function VariantFields({
  channel,
  value,
  onChange,
  newBody,
}: {
  channel: 'sms' | 'email';
  value: VariantDrafts;
  onChange(next: VariantDrafts): void;
  /** What an added variant starts with. */
  newBody: string;
}) {
  const { bodies, subjects, split } = value;
  const email = channel === 'email';
  const setCount = (count: number) =>
    onChange({
      bodies:
        count > bodies.length
          ? [...bodies, ...Array.from({ length: count - bodies.length }, () => newBody)]
          : bodies.slice(0, count),
      subjects:
        count > subjects.length
          ? [...subjects, ...Array.from({ length: count - subjects.length }, () => '')]
          : subjects.slice(0, count),
      split: evenSplit(count),
    });
  const at = <T,>(list: T[], i: number, v: T) => list.map((x, k) => (k === i ? v : x));
  return (
    <fieldset className="ab-variants">
      <legend>Variants</legend>
      {bodies.map((body, i) => (
        <div className="ab-variant" key={i}>
          <label htmlFor={`ab-variant-${i}`} className="ab-variant-name">
            Variant {variantLetter(i)}
          </label>
          <div className="ab-variant-content">
            {email && (
              <TextInput
                label={`Subject of variant ${variantLetter(i)}`}
                id={`ab-subject-${i}`}
                value={subjects[i] ?? ''}
                maxLength={200}
                placeholder="Colour week: 20% off until Friday"
                onChange={(e) => onChange({ ...value, subjects: at(subjects, i, e.target.value) })}
              />
            )}
            <Textarea
              id={`ab-variant-${i}`}
              aria-label={email ? `Body of variant ${variantLetter(i)} (Markdown)` : undefined}
              rows={email ? 5 : 3}
              value={body}
              onChange={(e) => onChange({ ...value, bodies: at(bodies, i, e.target.value) })}
            />
          </div>
          <label className="ab-share">
            <TextInput
              type="number"
              min={1}
              max={99}
              value={Number.isFinite(split[i]) ? split[i] : ''}
              aria-label={`Share of variant ${variantLetter(i)} in percent`}
              onChange={(e) =>
                onChange({ ...value, split: at(split, i, e.target.value === '' ? NaN : Number(e.target.value)) })
              }
            />
            %
          </label>
        </div>
      ))}
      <div className="ab-variant-actions">
        <Button
          variant="secondary"
          disabled={bodies.length >= MAX_VARIANTS}
          onClick={() => setCount(bodies.length + 1)}
        >
          Add variant
        </Button>
        <Button
          variant="secondary"
          disabled={bodies.length <= MIN_VARIANTS}
          onClick={() => setCount(bodies.length - 1)}
        >
          Remove last
        </Button>
        <Button variant="secondary" onClick={() => onChange({ ...value, split: evenSplit(bodies.length) })}>
          Even split
        </Button>
      </div>
      {!email && (
        <VariantIdeas
          message={bodies[0]}
          room={MAX_VARIANTS - bodies.length}
          onAdd={(text) =>
            bodies.length < MAX_VARIANTS &&
            onChange({
              bodies: [...bodies, text],
              subjects: [...subjects, ''],
              split: evenSplit(bodies.length + 1),
            })
          }
        />
      )}
    </fieldset>
  );
}
