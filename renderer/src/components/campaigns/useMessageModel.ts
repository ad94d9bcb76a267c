import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { AudienceCount } from '../../../../shared/audience';
import type { AudienceMeasure, PreviewContext, SampleContact } from '../../../../shared/ipc/channels/templates';
import {
  estimateCost,
  lintTemplate,
  previewTemplate,
  validateTemplate,
  type TemplatePreview,
} from '../../../../shared/templates';
import type { TemplateRow } from '../../../../shared/types/domain';
import { useDebouncedLoad, type DebouncedLoad } from './useDebouncedLoad';
import type { WizardState } from './wizard-state';

export interface MessageCheck {
  message: string;
  severity: 'error' | 'warning';
  /** Recipients it concerns, for findings about the whole audience. */
  affected?: number;
}

export interface CostView {
  total: number;
  pricePerSegment: number;
  typicalSegments: number;
  messages: number;
  /** False when the audience has filters the measurement could not apply, so the figure is an estimate. */
  exact: boolean;
}

export interface MessageModel {
  /** The text that will be sent: the inline body or the chosen template's. */
  body: string;
  templates: TemplateRow[] | undefined;
  template: TemplateRow | null;
  samples: PreviewContext | undefined;
  sample: SampleContact | null;
  sampleIndex: number;
  setSampleIndex(i: number): void;
  preview: TemplatePreview | null;
  checks: MessageCheck[];
  measure: DebouncedLoad<AudienceMeasure>;
  cost: CostView | null;
}

/** Stands in when there are no contacts yet, so the preview still shows how placeholders read. */
const EXAMPLE_CONTACT = { firstName: 'Alex', lastName: 'Sample', phone: '+12125550123', email: null, fields: {} };

/**
 * The message as the wizard shows it: rendered locally for one sample contact on every keystroke (shared pure
 * template code), measured over the audience by the core after a pause in typing (segments, cost, findings).
 */
export function useMessageModel(state: WizardState, count: AudienceCount | null): MessageModel {
  const templates = useQuery(() => api.templates.list({ includeArchived: false }), [], ['templates']).data;
  // Samples and measurement can only narrow by one tag; the first included tag is the best approximation.
  const tag = state.tags[0];
  const samples = useQuery(
    () => api.templates.sampleContacts({ ...(tag ? { tag } : {}), limit: 10 }),
    [tag ?? ''],
    ['contacts', 'settings'],
  ).data;
  const [sampleIndex, setSampleIndex] = useState(0);

  const template = state.source === 'template' ? (templates?.find((t) => t.id === state.templateId) ?? null) : null;
  const body = state.source === 'template' ? (template?.body ?? '') : state.body;
  const sample = samples?.contacts[Math.min(sampleIndex, samples.contacts.length - 1)] ?? null;

  const { preview, checks } = useMemo(() => {
    if (!samples || !body.trim()) return { preview: null, checks: [] as MessageCheck[] };
    const ctx = { contact: sample?.context ?? EXAMPLE_CONTACT, business: samples.business };
    const p = previewTemplate(body, ctx, { knownFields: samples.knownFields, requireOptOut: true });
    // The preview lists findings without severity; the same checks run separately say which ones block sending.
    const issues = [
      ...validateTemplate(body, { knownFields: samples.knownFields, audience: [ctx] }),
      ...lintTemplate(body, { businessName: samples.business.name }),
    ];
    const errors = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.code));
    return {
      preview: p,
      checks: p.warnings.map((w): MessageCheck => ({
        message: w.message,
        severity: errors.has(w.code) ? 'error' : 'warning',
      })),
    };
  }, [body, sample, samples]);

  const measure = useDebouncedLoad(
    body.trim() ? JSON.stringify([body, tag ?? null]) : null,
    () => api.templates.measure({ body, ...(tag ? { tag } : {}) }),
    400,
  );

  const audienceWide: MessageCheck[] = (measure.data?.issues ?? [])
    .filter((i) => i.affected !== undefined && !checks.some((c) => c.message === i.message))
    .map((i) => ({ message: i.message, severity: i.severity, affected: i.affected }));

  const cost = useMemo((): CostView | null => {
    const m = measure.data;
    if (!m || !count) return null;
    const simple =
      state.tags.length <= 1 &&
      !state.excludeTags.length &&
      !state.minDays.trim() &&
      Object.keys(state.keep.audience).length === 0;
    if (simple && m.recipients === count.eligible) {
      return {
        total: m.cost.total,
        pricePerSegment: m.cost.pricePerSegment,
        typicalSegments: m.segments.typical,
        messages: m.recipients,
        exact: true,
      };
    }
    const typical = Math.max(1, m.segments.typical);
    const estimate = estimateCost({ typical, totalSegments: typical * count.eligible }, m.cost.pricePerSegment);
    return {
      total: estimate.total,
      pricePerSegment: m.cost.pricePerSegment,
      typicalSegments: typical,
      messages: count.eligible,
      exact: false,
    };
  }, [measure.data, count, state.tags.length, state.excludeTags.length, state.minDays, state.keep.audience]);

  return {
    body,
    templates,
    template,
    samples,
    sample,
    sampleIndex,
    setSampleIndex,
    preview,
    checks: [...checks, ...audienceWide],
    measure,
    cost,
  };
}
