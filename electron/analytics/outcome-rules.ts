import { classifyReply } from '../../shared/compliance/keywords';

/**
 * What counts as an outcome, for campaign results and A/B reports alike (analytics.md): a reply is any inbound text
 * that is not a keyword (STOP, HELP, START…); a STOP is an opt-out, never a reply; a link preview is never a click.
 */
export function isReply(body: string): boolean {
  return classifyReply(body).kind === 'none';
}

export function isOptOutText(body: string): boolean {
  const kind = classifyReply(body).kind;
  return kind === 'opt_out' || kind === 'opt_out_review';
}

/** Opt-outs a campaign can have caused: by keyword, the provider or reconciliation, or by the owner on request; an import's never. */
export function optOutCountsForCampaigns(source: string): boolean {
  // a hard bounce is the address failing, not the person choosing
  return source !== 'import' && source !== 'bounce';
}

/** The thank-you page: a tracked link whose destination is the configured URL (query and fragment ignored). */
export function isThankYouUrl(url: string, thankYouUrl: string): boolean {
  if (!thankYouUrl) return false;
  const strip = (u: string) =>
    u
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .toLowerCase();
  return strip(url) === strip(thankYouUrl);
}
