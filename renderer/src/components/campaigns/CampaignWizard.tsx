import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { CampaignDetail } from '../../../../shared/ipc/channels/campaigns';
import { Button, Banner, ErrorBanner, Loading, PageHeader } from '../ui';
import { AudienceStep } from './AudienceStep';
import { formatMoney } from './format';
import { LaunchDialog } from './LaunchDialog';
import { MessageStep } from './MessageStep';
import { ReviewStep } from './ReviewStep';
import { ScheduleStep } from './ScheduleStep';
import { useDebouncedLoad } from './useDebouncedLoad';
import { useMessageModel } from './useMessageModel';
import { STEPS, STEP_FIELDS, checkStep, errorsByField, firstStepWithError, type FieldErrors } from './wizard-checks';
import { audienceOf, draftOf, emptyWizard, wizardFromCampaign, type WizardState } from './wizard-state';
import { FieldError, StepIndicator } from './WizardParts';
import './campaigns.css';
import { settingText } from '../../api/setting-text';
import { ChannelsPanel } from './ChannelsPanel';
import { EmailContentFields } from './EmailContentFields';
import { VoiceContentEditor } from './VoiceContentEditor';
import type { ChannelPrices } from './ChannelReview';

type Provider = 'sandbox' | 'quo' | 'twilio';

const STEP_INTRO = [
  'Who gets this message. The count updates as you choose.',
  'What they get. The preview shows it exactly as one contact will see it.',
  'When it goes out, and the hours it may reach people.',
  'Check everything before it goes out.',
];

export interface WizardProps {
  /** A saved draft to edit; without it the wizard creates a new campaign. */
  initial?: CampaignDetail;
  startStep?: number;
  onClose(): void;
  /** Saved (and launched, when `launched`): show the campaign. */
  onDone(id: number, launched: boolean): void;
}

/** Loads what the wizard needs from settings, then shows it. */
export function CampaignWizard(props: WizardProps) {
  const settings = useQuery(() => api.settings.list({}), [], ['settings']);
  if (!settings.data) {
    return (
      <section className="page">
        <ErrorBanner message={settings.error} />
        <Loading />
      </section>
    );
  }
  const value = (key: string) => settings.data!.find((r) => r.key === key)?.value;
  return (
    <Wizard
      {...props}
      zone={settingText(value('business.timezone'), 'America/New_York')}
      provider={(value('provider') as Provider) ?? 'sandbox'}
      prices={channelPrices(value)}
    />
  );
}

/** The e-mail and call prices from settings; the simulated providers are free. */
function channelPrices(value: (key: string) => unknown): ChannelPrices {
  const price = (key: string) => (typeof value(key) === 'number' ? (value(key) as number) : 0);
  return {
    email:
      value('email.provider') === 'smtp' || value('email.provider') === 'postmark'
        ? price('pricing.emailPerMessage')
        : null,
    voice: value('voice.provider') === 'twilio' ? price('pricing.voicePerCall') : null,
  };
}

function Wizard({
  initial,
  startStep = 0,
  onClose,
  onDone,
  zone,
  provider,
  prices,
}: WizardProps & { zone: string; provider: Provider; prices: ChannelPrices }) {
  const [state, setState] = useState<WizardState>(() =>
    initial ? wizardFromCampaign(initial, zone, new Date()) : emptyWizard(zone, new Date()),
  );
  const [step, setStep] = useState(startStep);
  const [reached, setReached] = useState(initial ? STEPS.length - 1 : startStep);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'save' | 'launch' | null>(null);
  const [savedId, setSavedId] = useState<number | null>(initial?.id ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  const update = (patch: Partial<WizardState>) => {
    setState((s) => ({ ...s, ...patch }));
    // An error stays until the field it is about changes.
    setErrors((e) => {
      const next = { ...e };
      if ('name' in patch) delete next.name;
      if (['tags', 'tagMode', 'excludeTags', 'minDays', 'segmentId'].some((k) => k in patch)) delete next.audience;
      if (
        [
          'source',
          'templateId',
          'body',
          'channels',
          'everyChannel',
          'emailSubject',
          'emailBody',
          'voiceSource',
          'voiceScript',
          'voiceRecordingUrl',
        ].some((k) => k in patch)
      )
        delete next.message;
      if (['scheduleMode', 'atDate', 'atTime', 'localDate', 'localTime'].some((k) => k in patch)) delete next.schedule;
      if (['quietStart', 'quietEnd', 'excludedDays'].some((k) => k in patch)) delete next.quietHours;
      return next;
    });
  };

  const tags = useQuery(() => api.contacts.tags({}), [], ['contacts']).data;
  const segments = useQuery(() => api.segments.list({}), [], ['contacts']).data;
  const [launchId, setLaunchId] = useState<number | null>(null);
  const audience = useMemo(() => audienceOf(state), [state]);
  const audienceKey = JSON.stringify(audience);
  const count = useDebouncedLoad(audienceKey, () => api.campaigns.audienceCount({ audience }), 200);
  const model = useMessageModel(state, count.data);
  const multi = !(state.channels.length === 1 && state.channels[0] === 'sms');
  const reachKey =
    multi && state.channels.length ? JSON.stringify([audience, state.channels, state.everyChannel]) : null;
  const reach = useDebouncedLoad(
    reachKey,
    () => api.campaigns.channelReach({ audience, channels: state.channels, everyChannel: state.everyChannel }),
    200,
  );
  const chosenProvider = state.keep.provider ?? provider;
  const voiceBlocked =
    chosenProvider === 'quo'
      ? 'Quo has no call API: calls go through Twilio. Switch the provider to Twilio to call.'
      : null;

  useEffect(() => {
    // Moving between steps puts the keyboard at the new step's heading; not on first show, where the page does.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const go = (target: number) => {
    setStep(target);
    setReached((r) => Math.max(r, target));
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    if (step === STEPS.length - 1) return; // Enter on the review never launches: that takes the button.
    const found = checkStep(step, state, {
      zone,
      now: new Date(),
      messageErrors: model.checks
        .filter((c) => c.severity === 'error' && c.affected === undefined)
        .map((c) => c.message),
    });
    if (Object.keys(found).length) {
      setErrors((prev) => ({ ...prev, ...found }));
      return;
    }
    go(step + 1);
  };

  const save = async (launch: boolean) => {
    // Every step is checked again: the owner may have jumped back and changed something.
    for (let i = 0; i < STEPS.length - 1; i++) {
      const found = checkStep(i, state, { zone, now: new Date(), messageErrors: [] });
      if (Object.keys(found).length) {
        setErrors(found);
        return;
      }
    }
    setBusy(launch ? 'launch' : 'save');
    setErrors({});
    const draft = draftOf(state, zone);
    let id = savedId;
    let stored = false;
    try {
      const saved = id === null ? await api.campaigns.create(draft) : await api.campaigns.update({ id, draft });
      id = saved.id;
      stored = true;
      setSavedId(saved.id);
      // Nothing is sent from here: the launch dialog states what will happen and asks.
      if (launch) setLaunchId(id);
      else onDone(id, false);
    } catch (err) {
      const found = errorsByField((err as Error).message);
      if (launch && stored)
        found.general = `${found.general ? `${found.general} ` : ''}The campaign is saved as a draft; fix this and launch again.`;
      setErrors(found);
    } finally {
      setBusy(null);
    }
  };

  const stepsWithErrors = STEP_FIELDS.map((fields, i) => (fields.some((f) => errors[f]) ? i : -1)).filter(
    (i) => i >= 0,
  );
  const otherStepError = step === STEPS.length - 1 ? null : firstStepWithError(errors);

  return (
    <section className="page campaigns-page">
      <PageHeader
        title={initial ? `Edit “${initial.name}”` : 'New campaign'}
        subtitle="Audience, message, schedule — then a last look before anything is sent."
        actions={
          <Button variant="secondary" onClick={onClose}>
            {savedId !== null && !initial ? 'Close' : 'Close without saving'}
          </Button>
        }
      />
      <div className="cw-wizard">
        <StepIndicator step={step} reached={reached} withErrors={stepsWithErrors} onGo={go} />
        <form className="cw-body" onSubmit={next} noValidate>
          <div className="cw-step-head">
            <h2 ref={heading} tabIndex={-1}>
              {STEPS[step]}
            </h2>
            <p className="muted">{STEP_INTRO[step]}</p>
          </div>
          {step === 3 && <ErrorBanner message={errors.general ?? null} />}
          {otherStepError !== null && otherStepError !== step && (
            <Banner tone="warn">
              There is a problem on the {STEPS[otherStepError]} step.{' '}
              <Button className="cw-link" onClick={() => go(otherStepError)}>
                Go to it
              </Button>
            </Banner>
          )}
          {step === 0 && (
            <AudienceStep state={state} update={update} tags={tags} segments={segments} count={count} errors={errors} />
          )}
          {step === 1 && (
            <>
              <ChannelsPanel state={state} update={update} reach={reach.data} voiceBlocked={voiceBlocked} />
              {state.channels.includes('sms') && (
                <MessageStep state={state} update={update} model={model} errors={errors} />
              )}
              {state.channels.includes('email') && <EmailContentFields state={state} update={update} />}
              {state.channels.includes('voice') && (
                <VoiceContentEditor state={state} update={update} model={model} error={errors.message} />
              )}
              {!state.channels.includes('sms') && <FieldError id="cw-message-error" message={errors.message} />}
            </>
          )}
          {step === 2 && (
            <ScheduleStep
              state={state}
              update={update}
              zone={zone}
              now={new Date()}
              errors={errors}
              campaignId={initial?.id}
            />
          )}
          {step === 3 && (
            <ReviewStep
              state={state}
              zone={zone}
              provider={provider}
              count={count.data}
              model={model}
              errors={errors}
              onEdit={go}
              reach={multi ? reach.data : null}
              prices={prices}
            />
          )}
          <footer className="cw-footer">
            <Button variant="secondary" disabled={step === 0} onClick={() => go(step - 1)}>
              Back
            </Button>
            <span className="cw-footer-note muted small">
              Step {step + 1} of {STEPS.length}
            </span>
            {step < STEPS.length - 1 ? (
              <Button type="submit">Next</Button>
            ) : (
              <div className="cw-footer-actions">
                <Button variant="secondary" disabled={busy !== null} onClick={() => void save(false)}>
                  {busy === 'save' ? 'Saving…' : 'Save draft'}
                </Button>
                <Button
                  disabled={busy !== null || (multi ? reach.data?.messages === 0 : count.data?.eligible === 0)}
                  onClick={() => void save(true)}
                >
                  {busy === 'launch' ? 'Launching…' : state.scheduleMode === 'now' ? 'Launch' : 'Schedule'}
                </Button>
              </div>
            )}
          </footer>
        </form>
      </div>
      {launchId !== null && (
        <LaunchDialog
          campaignId={launchId}
          zone={zone}
          cost={model.cost ? `${model.cost.exact ? '' : '≈ '}${formatMoney(model.cost.total)}` : null}
          onClose={() => setLaunchId(null)}
          onLaunched={() => onDone(launchId, true)}
          onFixMessage={() => {
            setLaunchId(null);
            go(1);
          }}
        />
      )}
    </section>
  );
}
