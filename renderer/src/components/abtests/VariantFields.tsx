import { MAX_VARIANTS, MIN_VARIANTS, variantLetter } from '../../../../shared/abtests';
import { Button, Textarea, TextInput } from '../ui';
import { VariantIdeas } from '../ai/VariantIdeas';

export interface VariantDrafts {
  bodies: string[];
  /** E-mail variants' subject lines (one per variant; unused for texts). */
  subjects: string[];
  /** Call variants' recordings (https), played instead of the script when given; unused otherwise. */
  recordings: string[];
  split: number[];
}

export function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** What a test's variants are sent as. */
export type AbChannel = 'sms' | 'email' | 'voice';

const grow = (list: string[], count: number) =>
  count > list.length ? [...list, ...Array.from({ length: count - list.length }, () => '')] : list.slice(0, count);

/**
 * The variants of a new A/B test: a text each, for e-mail a subject line and a Markdown body each, for calls a script
 * read aloud or a recording each, with shares.
 */
export function VariantFields({
  channel,
  value,
  onChange,
  newBody,
}: {
  channel: AbChannel;
  value: VariantDrafts;
  onChange(next: VariantDrafts): void;
  /** What an added variant starts with. */
  newBody: string;
}) {
  const { bodies, subjects, recordings, split } = value;
  const email = channel === 'email';
  const voice = channel === 'voice';
  const setCount = (count: number) =>
    onChange({
      bodies:
        count > bodies.length
          ? [...bodies, ...Array.from({ length: count - bodies.length }, () => newBody)]
          : bodies.slice(0, count),
      subjects: grow(subjects, count),
      recordings: grow(recordings, count),
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
              aria-label={
                email
                  ? `Body of variant ${variantLetter(i)} (Markdown)`
                  : voice
                    ? `Script of variant ${variantLetter(i)}, read aloud`
                    : undefined
              }
              rows={email ? 5 : 3}
              value={body}
              disabled={voice && !!recordings[i]?.trim()}
              placeholder={voice ? 'Tulips are in this week at 20 percent off. We hope to see you soon!' : undefined}
              onChange={(e) => onChange({ ...value, bodies: at(bodies, i, e.target.value) })}
            />
            {voice && (
              <TextInput
                label={`Or play a recording for variant ${variantLetter(i)} instead`}
                id={`ab-recording-${i}`}
                type="url"
                value={recordings[i] ?? ''}
                placeholder="https://…/message.mp3"
                onChange={(e) => onChange({ ...value, recordings: at(recordings, i, e.target.value) })}
              />
            )}
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
      {channel === 'sms' && (
        <VariantIdeas
          message={bodies[0]}
          room={MAX_VARIANTS - bodies.length}
          onAdd={(text) =>
            bodies.length < MAX_VARIANTS &&
            onChange({
              bodies: [...bodies, text],
              subjects: [...subjects, ''],
              recordings: [...recordings, ''],
              split: evenSplit(bodies.length + 1),
            })
          }
        />
      )}
    </fieldset>
  );
}
