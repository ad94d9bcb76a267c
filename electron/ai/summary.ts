import { z } from 'zod';
import { analyticsSettings, campaignResults } from '../analytics';
import type { DeskCore } from '../core';
import { askConnected } from './connection';
import { GeminiProblem } from './gemini-client';

type SummaryDeps = Pick<DeskCore, 'db' | 'settings' | 'secrets' | 'now'>;

const answerSchema = z.object({ summary: z.string().trim().min(1).max(600) });

/**
 * Two sentences on what a campaign achieved, for the results page. Only the totals and rates go to Gemini:
 * no campaign name, no message text, nothing about any contact.
 */
export async function summariseCampaign(deps: SummaryDeps, campaignId: number): Promise<{ summary: string }> {
  const r = campaignResults(deps.db, analyticsSettings(deps.settings), campaignId, deps.now());
  const figures = {
    sent: r.sent,
    delivered: r.delivered,
    failed: r.failed,
    replied: r.replied,
    clicked: r.clicked,
    optedOut: r.optedOut,
    converted: r.converted,
    revenue: r.revenue,
    spend: r.spend,
    currency: r.currency,
    rates: r.rates,
    roi: r.roi,
    stillSending: r.pending,
  };
  const answer = await askConnected(deps, {
    system: [
      'You explain an SMS campaign’s results to a small business owner in exactly two short, plain sentences.',
      'First what happened (the most telling figures), then the one thing worth doing next. Rates are fractions (0.12 = 12%).',
      'Use only the figures given; when a figure is 0 or null, do not guess a reason.',
    ].join('\n'),
    prompt: `Campaign figures (JSON): ${JSON.stringify(figures)}`,
    schema: {
      type: 'OBJECT',
      properties: { summary: { type: 'STRING', description: 'exactly two sentences' } },
      required: ['summary'],
    },
    temperature: 0.3,
    maxOutputTokens: 300,
  });
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success)
    throw new GeminiProblem('malformed', 'Gemini’s summary was not in the expected form. Try again.');
  return { summary: parsed.data.summary };
}
