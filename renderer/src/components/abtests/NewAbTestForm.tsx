import { useEffect, useState, type FormEvent } from 'react';
import { MAX_VARIANTS, MIN_VARIANTS, validateVariants, variantLetter, type AbMetric } from '../../../../shared/abtests';
import { findLinks } from '../../../../shared/abtests/links';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Field, Select, TextInput, Checkbox, Button, ErrorBanner, PageHeader } from '../ui';
import { LaunchDialog } from '../campaigns/LaunchDialog';
import { SegmentPicker } from '../campaigns/SegmentPicker';
import { AbGuidance } from './AbGuidance';
import { formatNumber } from './format';
import { VariantIdeas } from '../ai/VariantIdeas';
import './abtests.css';
import { settingText } from '../../api/setting-text';

/** A typical rate for each metric, as the starting guess the owner can change. */
const TYPICAL_RATE: Record<AbMetric, number> = { replied: 5, clicked: 3, converted: 2, optedOut: 1 };

const METRICS: Array<{ value: AbMetric; label: string }> = [
  { value: 'replied', label: 'Replies' },
  { value: 'clicked', label: 'Link clicks (needs tracked links)' },
  { value: 'converted', label: 'Conversions (keyword replies or marked by you)' },
  { value: 'optedOut', label: 'Opt-outs (fewest wins)' },
];

const STARTERS = ['Hi {{first_name|there}}! ', '{{first_name|Hi}}, '];

function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** A new A/B campaign: two to five message variants, how to split them, and what counts as winning. */
export function NewAbTestForm({
  onCancel,
  onCreated,
}: {
  onCancel(): void;
  onCreated(id: number, problem?: string): void;
}) {
  const tags = useQuery(() => api.contacts.tags({}), [], ['contacts']);
  const segments = useQuery(() => api.segments.list({}), [], ['contacts']);
  const settings = useQuery(() => api.settings.list({}), [], ['settings']);
  const setting = (key: string, fallback: number) =>
    Number(settings.data?.find((r) => r.key === key)?.value ?? fallback);
  const [name, setName] = useState('');
  const [tag, setTag] = useState('');
  const [segmentId, setSegmentId] = useState<number | null>(null);
  const [expectedPercent, setExpectedPercent] = useState<number | null>(null);
  const [defaultVariant, setDefaultVariant] = useState('');
  const [draftId, setDraftId] = useState<number | null>(null);
  const [bodies, setBodies] = useState<string[]>(STARTERS.map((s) => `${s}Reply STOP to opt out`));
  const [split, setSplit] = useState<number[]>(evenSplit(2));
  const [sample, setSample] = useState(false);
  const [testPercent, setTestPercent] = useState(20);
  const [metric, setMetric] = useState<AbMetric>('replied');
  const [trackLinks, setTrackLinks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [eligible, setEligible] = useState<number | null>(null);

  const audience = { ...(tag ? { tags: [tag] } : {}), ...(segmentId !== null ? { segmentId } : {}) };
  const audienceKey = JSON.stringify(audience);
  useEffect(() => {
    let live = true;
    api.campaigns
      .audienceCount({ audience })
      .then((c) => live && setEligible(c.eligible))
      .catch(() => live && setEligible(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the audience object
  }, [audienceKey]);

  const issues = validateVariants(split, sample ? testPercent : undefined);
  const empty = bodies.findIndex((b) => !b.trim());
  const hasLink = bodies.some((b) => findLinks(b).length > 0);
  const problems = [
    ...(name.trim() ? [] : ['Give the test a name.']),
    ...(empty >= 0 ? [`Variant ${variantLetter(empty)} has no text.`] : []),
    ...issues.map((i) => i.message),
    ...(metric === 'clicked' && !trackLinks ? ['Comparing link clicks needs "Track links" on.'] : []),
    ...(metric === 'clicked' && !hasLink ? ['Comparing link clicks needs a link (https://…) in the variants.'] : []),
  ];

  const setVariantCount = (count: number) => {
    setBodies((b) =>
      count > b.length
        ? [...b, ...Array.from({ length: count - b.length }, () => 'Reply STOP to opt out')]
        : b.slice(0, count),
    );
    setSplit(evenSplit(count));
  };

  function addVariant(text: string) {
    if (bodies.length >= MAX_VARIANTS) return;
    setBodies([...bodies, text]);
    setSplit(evenSplit(bodies.length + 1));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const ab = {
        variants: bodies.map((body, i) => ({ name: variantLetter(i), body })),
        split,
        metric,
        ...(sample
          ? { testPercent, ...(defaultVariant !== '' ? { defaultVariant: Number(defaultVariant) } : {}) }
          : {}),
      };
      const draft = { name: name.trim(), audience, ab, trackLinks };
      // Saved as a draft, then the launch dialog states what will happen and asks before anything is sent.
      const c =
        draftId === null ? await api.campaigns.create(draft) : await api.campaigns.update({ id: draftId, draft });
      setDraftId(c.id);
      setLaunching(true);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page ab-new">
      <PageHeader
        title="New A/B test"
        subtitle="Write two to five versions of a text; we split your audience fairly and tell you which one works better."
      />
      <ErrorBanner message={error} />
      <form className="card ab-form" onSubmit={(e) => void submit(e)}>
        <div className="ab-form-row">
          <TextInput
            label="Name"
            fieldClassName="grow"
            id="ab-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Spring colour offer"
            maxLength={100}
          />
          <Field label="Audience" htmlFor="ab-tag">
            <select id="ab-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">All contacts</option>
              {(tags.data ?? []).map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({formatNumber(t.count)})
                </option>
              ))}
            </select>
            <p className="muted small" data-testid="ab-eligible">
              {eligible === null
                ? ' '
                : `${formatNumber(eligible)} can be texted (opted-out and landline numbers are left out).`}
            </p>
          </Field>
          <SegmentPicker id="ab-segment" segments={segments.data} value={segmentId} onChange={setSegmentId} />
        </div>

        <fieldset className="ab-variants">
          <legend>Variants</legend>
          {bodies.map((body, i) => (
            <div className="ab-variant" key={i}>
              <label htmlFor={`ab-variant-${i}`} className="ab-variant-name">
                Variant {variantLetter(i)}
              </label>
              <textarea
                id={`ab-variant-${i}`}
                rows={3}
                value={body}
                onChange={(e) => setBodies((b) => b.map((x, k) => (k === i ? e.target.value : x)))}
              />
              <label className="ab-share">
                <TextInput
                  type="number"
                  min={1}
                  max={99}
                  value={Number.isFinite(split[i]) ? split[i] : ''}
                  aria-label={`Share of variant ${variantLetter(i)} in percent`}
                  onChange={(e) =>
                    setSplit((s) =>
                      s.map((x, k) => (k === i ? (e.target.value === '' ? NaN : Number(e.target.value)) : x)),
                    )
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
              onClick={() => setVariantCount(bodies.length + 1)}
            >
              Add variant
            </Button>
            <Button
              variant="secondary"
              disabled={bodies.length <= MIN_VARIANTS}
              onClick={() => setVariantCount(bodies.length - 1)}
            >
              Remove last
            </Button>
            <Button variant="secondary" onClick={() => setSplit(evenSplit(bodies.length))}>
              Even split
            </Button>
          </div>
          <VariantIdeas message={bodies[0]} room={MAX_VARIANTS - bodies.length} onAdd={(text) => addVariant(text)} />
        </fieldset>

        <div className="ab-form-row">
          <Select
            label="The winner is the variant with the most…"
            hint={<>SMS cannot tell when a text is opened, so "opens" cannot be compared.</>}
            id="ab-metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as AbMetric)}
          >
            {METRICS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
          <div className="field">
            <Checkbox
              label="Test on part of the audience first, then send the winner to the rest"
              checked={sample}
              onChange={(e) => setSample(e.target.checked)}
            />
            {sample && (
              <label className="ab-share">
                Test on{' '}
                <TextInput
                  type="number"
                  min={1}
                  max={99}
                  value={testPercent}
                  aria-label="Test sample in percent"
                  onChange={(e) => setTestPercent(Number(e.target.value))}
                />
                % of the audience
              </label>
            )}
            {sample && (
              <label className="ab-share">
                If it cannot decide in time, send{' '}
                <Select
                  value={defaultVariant}
                  onChange={(e) => setDefaultVariant(e.target.value)}
                  aria-label="Default variant"
                >
                  <option value="">nothing — ask me</option>
                  {bodies.map((_b, i) => (
                    <option key={i} value={String(i)}>
                      Variant {variantLetter(i)}
                    </option>
                  ))}
                </Select>
              </label>
            )}
            <Checkbox
              label="Track links (short links on your relay's public address count clicks)"
              checked={trackLinks}
              onChange={(e) => setTrackLinks(e.target.checked)}
            />
          </div>
        </div>

        <div className="ab-form-row">
          <Field
            label={
              <>
                Expected rate of{' '}
                {
                  METRICS.find((m) => m.value === metric)
                    ?.label.toLowerCase()
                    .split(' (')[0]
                }
              </>
            }
            htmlFor="ab-expected"
          >
            <span className="ab-share">
              <input
                id="ab-expected"
                type="number"
                min={0.1}
                max={90}
                step={0.1}
                value={expectedPercent ?? TYPICAL_RATE[metric]}
                onChange={(e) => setExpectedPercent(e.target.value === '' ? NaN : Number(e.target.value))}
              />
              %
            </span>
          </Field>
          <AbGuidance
            eligible={eligible}
            split={split}
            testPercent={sample ? testPercent : undefined}
            expectedRate={(expectedPercent ?? TYPICAL_RATE[metric]) / 100}
            confidence={setting('abtests.confidence', 0.95)}
            minSamplePerVariant={setting('abtests.minSamplePerVariant', 100)}
          />
        </div>

        {problems.length > 0 && (
          <ul className="ab-problems" aria-label="Before you can start">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <Button type="submit" disabled={busy || problems.length > 0}>
            Start the test
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
      {launching && draftId !== null && (
        <LaunchDialog
          campaignId={draftId}
          cost={null}
          zone={settingText(settings.data?.find((r) => r.key === 'business.timezone')?.value, 'America/New_York')}
          onClose={() => setLaunching(false)}
          onLaunched={() => onCreated(draftId)}
        />
      )}
    </section>
  );
}
