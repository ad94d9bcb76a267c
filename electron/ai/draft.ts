import { z } from 'zod';
import { VARIANT_CHANGE_NAMES, type DraftTone, type VariantChange } from '../../shared/ai';
import type { DraftCheck, VariantIdea } from '../../shared/ipc/channels/ai';
import type { DeskCore } from '../core';
import { checkDraft } from './check-draft';
import { askConnected } from './connection';
import { GeminiProblem, type ResponseSchema } from './gemini-client';

type DraftDeps = Pick<DeskCore, 'db' | 'settings' | 'secrets'>;

const HOUSE_RULES = [
  'Write SMS marketing texts for a small business, in its own voice: warm, plain, specific.',
  'Use the placeholder {{first_name|there}} for a personal greeting where it reads naturally; never invent names or other placeholders.',
  'Say who the text is from: use {{business_name}} or the business name given.',
  'End with the opt-out line "Reply STOP to opt out".',
  'Use plain characters only: no emoji, no curly quotes, no long dashes (they make the text cost more).',
  'Never use link shorteners; if a link is needed write [link] and the owner will add theirs.',
];

const textList = (key: string, extra: Record<string, ResponseSchema> = {}): ResponseSchema => ({
  type: 'OBJECT',
  properties: {
    [key]: {
      type: 'ARRAY',
      items: {
        type: 'OBJECT',
        properties: { text: { type: 'STRING', description: 'the whole SMS text' }, ...extra },
        required: ['text', ...Object.keys(extra)],
      },
    },
  },
  required: [key],
});

const draftAnswer = z.object({ drafts: z.array(z.object({ text: z.string() })) });
const variantAnswer = z.object({ variants: z.array(z.object({ text: z.string(), difference: z.string() })) });

function lengthRule(fitsOneSegment: boolean): string {
  return fitsOneSegment
    ? 'Each text must fit one SMS segment: at most 140 characters counting each placeholder as written, so it stays under 160 once a first name is filled in.'
    : 'Keep each text under 300 characters.';
}

function businessLine(deps: DraftDeps): string {
  const name = deps.settings.get('business.name').trim();
  return name ? `The business is called "${name}".` : 'The business name is not known; use {{business_name}}.';
}

function wellFormed<T>(schema: z.ZodType<T>, answer: unknown): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new GeminiProblem('malformed', 'Gemini’s answer was not in the expected form. Try again.');
  return parsed.data;
}

/** Options for a campaign message from a one-line brief; each one checked like a typed template. */
export async function draftMessages(
  deps: DraftDeps,
  req: { brief: string; tone: DraftTone; fitsOneSegment: boolean; count: number },
): Promise<{ drafts: DraftCheck[] }> {
  const answer = await askConnected(deps, {
    system: [...HOUSE_RULES, lengthRule(req.fitsOneSegment)].join('\n'),
    prompt: [
      businessLine(deps),
      `Brief: ${req.brief}`,
      `Tone: ${req.tone}.`,
      `Write ${req.count} different options.`,
    ].join('\n'),
    schema: textList('drafts'),
    temperature: 0.9,
    maxOutputTokens: 400 + 200 * req.count,
  });
  const texts = distinctTexts(wellFormed(draftAnswer, answer).drafts.map((d) => d.text)).slice(0, req.count);
  if (texts.length === 0)
    throw new GeminiProblem('malformed', 'Gemini suggested no text. Try again, or rephrase the brief.');
  return { drafts: texts.map((text) => checkDraft(deps, text, { fitsOneSegment: req.fitsOneSegment })) };
}

/** A/B variants that differ from the message in one named thing only. */
export async function variantIdeas(
  deps: DraftDeps,
  req: { message: string; change: VariantChange; count: number },
): Promise<{ variants: VariantIdea[] }> {
  const what = VARIANT_CHANGE_NAMES[req.change];
  const answer = await askConnected(deps, {
    system: [
      ...HOUSE_RULES,
      `You write A/B test variants. Each variant changes ${what} of the original and nothing else, so the test measures ${what} alone.`,
      'Keep the placeholders, the opt-out line and everything else as in the original.',
      'For each variant say in a few words what it does differently.',
    ].join('\n'),
    prompt: [
      businessLine(deps),
      `Original message:\n${req.message}`,
      `Write ${req.count} variants that change ${what}.`,
    ].join('\n\n'),
    schema: textList('variants', {
      difference: { type: 'STRING', description: 'what this variant changes, in a few words' },
    }),
    temperature: 0.8,
    maxOutputTokens: 400 + 200 * req.count,
  });
  const original = req.message.trim();
  const fitsOne = checkDraft(deps, original, { fitsOneSegment: false }).segments <= 1;
  const seen = new Set([original]);
  const variants = wellFormed(variantAnswer, answer)
    .variants.map((v) => ({ text: v.text.trim(), difference: v.difference.trim() }))
    .filter((v) => v.text !== '' && !seen.has(v.text) && seen.add(v.text))
    .slice(0, req.count);
  if (variants.length === 0)
    throw new GeminiProblem('malformed', 'Gemini suggested no variant that differs from the message. Try again.');
  return {
    variants: variants.map((v) => ({
      ...checkDraft(deps, v.text, { fitsOneSegment: fitsOne }),
      change: req.change,
      difference: v.difference,
    })),
  };
}

function distinctTexts(texts: string[]): string[] {
  return [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
}
