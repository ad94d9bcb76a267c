import { useEffect, useState, type FormEvent } from 'react';
import { validateVariants, variantLetter, type AbMetric } from '../../../../shared/abtests';
import { findLinks } from '../../../../shared/abtests/links';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Button, Checkbox, ErrorBanner, Field, PageHeader, Select, TextInput } from '../ui';
import { LaunchDialog } from '../campaigns/LaunchDialog';
import { SegmentPicker } from '../campaigns/SegmentPicker';
import { AbGuidance } from './AbGuidance';
import { formatNumber } from './format';
import { VariantFields, evenSplit, type VariantDrafts } from './VariantFields';
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
const TEXT_START = 'Reply STOP to opt out';
/** E-mails get no replies and their opens are not counted: clicks or conversions decide. */
const EMAIL_METRICS: AbMetric[] = ['clicked', 'converted'];
const EMAIL_START = 'Hi {{first_name|there}},\n\n';

const textDrafts = (): VariantDrafts => ({
  bodies: STARTERS.map((s) => `${s}${TEXT_START}`),
  subjects: ['', ''],
  split: evenSplit(2),
});

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
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [variants, setVariants] = useState<VariantDrafts>(textDrafts);
  const { bodies, subjects, split } = variants;
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
  const emailSetUp = ['email.from', 'email.postalAddress'].every((k) =>
    settingText(settings.data?.find((r) => r.key === k)?.value, '').trim(),
  );
  useEffect(() => {
    let live = true;
    const count =
      channel === 'email'
        ? api.campaigns
            .channelReach({ audience, channels: ['email'], everyChannel: false })
            .then((r) => r.channels[0]?.gets ?? 0)
        : api.campaigns.audienceCount({ audience }).then((c) => c.eligible);
    count.then((n) => live && setEligible(n)).catch(() => live && setEligible(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the audience object
  }, [audienceKey, channel]);

  function chooseChannel(next: 'sms' | 'email') {
    setChannel(next);
    if (next === 'email') {
      // Clicks need tracked links; replies never come back to a marketing e-mail.
      if (!EMAIL_METRICS.includes(metric)) setMetric('clicked');
      setTrackLinks(true);
      setVariants({ bodies: bodies.map(() => EMAIL_START), subjects: bodies.map(() => ''), split });
    } else setVariants(textDrafts());
  }

  const issues = validateVariants(split, sample ? testPercent : undefined);
  const empty = bodies.findIndex((b) => !b.trim());
  const noSubject = subjects.findIndex((t) => !t.trim());
  const hasLink = bodies.some((b) => findLinks(b).length > 0);
  const problems = [
    ...(name.trim() ? [] : ['Give the test a name.']),
    ...(empty >= 0 ? [`Variant ${variantLetter(empty)} has no text.`] : []),
    ...(channel === 'email' && noSubject >= 0 ? [`Variant ${variantLetter(noSubject)} has no subject.`] : []),
    ...issues.map((i) => i.message),
    ...(metric === 'clicked' && !trackLinks ? ['Comparing link clicks needs "Track links" on.'] : []),
    ...(metric === 'clicked' && !hasLink ? ['Comparing link clicks needs a link (https://…) in the variants.'] : []),
  ];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const ab = {
        variants: bodies.map((body, i) => ({
          name: variantLetter(i),
          body,
          ...(channel === 'email' ? { subject: subjects[i].trim() } : {}),
        })),
        split,
        metric,
        ...(channel === 'email' ? { channel } : {}),
        ...(sample
          ? { testPercent, ...(defaultVariant !== '' ? { defaultVariant: Number(defaultVariant) } : {}) }
          : {}),
      };
      const draft = {
        name: name.trim(),
        audience,
        ab,
        trackLinks,
        ...(channel === 'email' ? { channels: ['email' as const] } : {}),
      };
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
        subtitle={`Write two to five versions of ${channel === 'email' ? 'an e-mail (its subject line, its body or both)' : 'a text'}; we split your audience fairly and tell you which one works better.`}
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
            <Select id="ab-tag" value={tag} onChange={(e) => setTag(e.target.value)}>
              <option value="">All contacts</option>
              {(tags.data ?? []).map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({formatNumber(t.count)})
                </option>
              ))}
            </Select>
            <p className="muted small" data-testid="ab-eligible">
              {eligible === null
                ? ' '
                : channel === 'email'
                  ? `${formatNumber(eligible)} can be e-mailed (e-mail consent and an address; unsubscribed addresses are left out).`
                  : `${formatNumber(eligible)} can be texted (opted-out and landline numbers are left out).`}
            </p>
          </Field>
          <SegmentPicker id="ab-segment" segments={segments.data} value={segmentId} onChange={setSegmentId} />
          <Select
            label="Send the variants as"
            id="ab-channel"
            value={channel}
            onChange={(e) => chooseChannel(e.target.value === 'email' ? 'email' : 'sms')}
            hint={emailSetUp ? undefined : 'E-mail needs a sender and your postal address in Settings first.'}
          >
            <option value="sms">Texts (SMS)</option>
            <option value="email" disabled={!emailSetUp}>
              E-mails
            </option>
          </Select>
        </div>

        <VariantFields
          channel={channel}
          value={variants}
          onChange={setVariants}
          newBody={channel === 'email' ? EMAIL_START : TEXT_START}
        />

        <div className="ab-form-row">
          <Select
            label="The winner is the variant with the most…"
            hint={
              channel === 'email' ? (
                <>Mail apps and scanners make "opens" unreliable, so e-mails are compared on clicks or conversions.</>
              ) : (
                <>SMS cannot tell when a text is opened, so "opens" cannot be compared.</>
              )
            }
            id="ab-metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as AbMetric)}
          >
            {METRICS.filter((m) => channel === 'sms' || EMAIL_METRICS.includes(m.value)).map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
          <div className="field">
            <Checkbox
              label={`Test on part of the ${channel === 'email' ? 'e-mail ' : ''}audience first, then send the winner to the rest`}
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
                % of the {channel === 'email' ? 'e-mail ' : ''}audience
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
              <TextInput
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
            messages={channel === 'email' ? 'e-mails' : 'texts'}
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
