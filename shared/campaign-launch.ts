import { lintTemplate, type TemplateIssueCode } from './templates';

/** Above this many recipients the owner types the number to confirm a launch (UI) or passes --confirm-count (CLI). */
export const TYPED_COUNT_ABOVE = 1000;

/**
 * Findings that stop a launch until the message is fixed or the owner acknowledges them with a reason
 * (docs/compliance.md, "Content"): a campaign's message is the first text a contact gets from it, so it must say
 * who it is from and how to opt out.
 */
const BLOCKING: ReadonlySet<TemplateIssueCode> = new Set([
  'missing_opt_out',
  'missing_business_name',
  'business_name_not_set',
]);

/** A finding about how the campaign is sent rather than its text: a large Gmail send from an unauthenticated domain. */
export type SendingFindingCode = 'gmail_bulk_unauthenticated';

export interface LaunchFinding {
  code: TemplateIssueCode | SendingFindingCode;
  blocking: boolean;
  message: string;
  /** The A/B variants it is about; empty for a one-message campaign. */
  variants: string[];
}

/** Every lint finding of the campaign's message(s), one per code, blocking ones first. */
export function launchFindings(
  messages: ReadonlyArray<{ variant: string | null; body: string }>,
  businessName: string,
): LaunchFinding[] {
  const byCode = new Map<TemplateIssueCode, LaunchFinding>();
  for (const m of messages) {
    for (const issue of lintTemplate(m.body, { businessName, requireOptOut: true })) {
      const found = byCode.get(issue.code) ?? {
        code: issue.code,
        blocking: BLOCKING.has(issue.code),
        message: issue.message,
        variants: [],
      };
      if (m.variant !== null) found.variants.push(m.variant);
      byCode.set(issue.code, found);
    }
  }
  return [...byCode.values()].sort((a, b) => Number(b.blocking) - Number(a.blocking));
}

/** What the owner must do before this launch may go ahead, in words; empty when nothing. */
export function launchRefusal(
  input: {
    campaignName: string;
    findings: readonly LaunchFinding[];
    eligible: number;
    acknowledgement?: string;
    confirmCount?: number;
  },
  how: { acknowledge: string; confirmCount: (n: number) => string },
): string | null {
  const blocking = input.findings.filter((f) => f.blocking);
  if (blocking.length && !input.acknowledgement?.trim()) {
    const what = blocking
      .map((f) => (f.variants.length ? `${f.message} (variant ${f.variants.join(', ')})` : f.message))
      .join(' ');
    return `Campaign "${input.campaignName}" cannot launch yet: ${what} Fix the message, or acknowledge with a reason: ${how.acknowledge}.`;
  }
  if (input.eligible > TYPED_COUNT_ABOVE && input.confirmCount !== input.eligible) {
    const typed =
      input.confirmCount === undefined
        ? 'no count was confirmed'
        : `${input.confirmCount.toLocaleString('en-US')} was confirmed`;
    return `Campaign "${input.campaignName}" goes to ${input.eligible.toLocaleString('en-US')} people, and ${typed}. Confirm the exact number: ${how.confirmCount(input.eligible)}.`;
  }
  return null;
}
