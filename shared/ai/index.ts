/** Gemini writing help: the words both sides share (labels, A/B changes, what is sent). Pure, no Node APIs. */

export const TRIAGE_LABELS = [
  'question',
  'interested',
  'complaint',
  'wrong_number',
  'possible_opt_out',
  'other',
] as const;
export type TriageLabel = (typeof TRIAGE_LABELS)[number];

export const TRIAGE_LABEL_NAMES: Record<TriageLabel, string> = {
  question: 'Question',
  interested: 'Interested',
  complaint: 'Complaint',
  wrong_number: 'Wrong number',
  possible_opt_out: 'Possible opt-out — review',
  other: 'Other',
};

/** What an A/B variant idea changes, and only that. */
export const VARIANT_CHANGES = ['offer', 'call_to_action', 'length', 'personalisation'] as const;
export type VariantChange = (typeof VARIANT_CHANGES)[number];

export const VARIANT_CHANGE_NAMES: Record<VariantChange, string> = {
  offer: 'the offer',
  call_to_action: 'the call to action',
  length: 'the length',
  personalisation: 'the personalisation',
};

export const DRAFT_TONES = ['friendly', 'professional', 'playful', 'urgent'] as const;
export type DraftTone = (typeof DRAFT_TONES)[number];

/**
 * Exactly what each use sends to Google, shown on Settings → Integrations and in the README. Phone numbers,
 * e-mail addresses and contact records never leave the desk.
 */
export const WHAT_GEMINI_RECEIVES: ReadonlyArray<{ use: string; sent: string }> = [
  {
    use: 'Drafting a message',
    sent: 'your one-line brief, the tone and length you chose, and your business name. No contact data: names appear only as the {{first_name}} placeholder.',
  },
  {
    use: 'A/B variant ideas',
    sent: 'the message you are testing (as a template, with placeholders unfilled), what to change, and your business name.',
  },
  {
    use: 'Reply labels',
    sent: 'the text of each incoming reply, with phone numbers and e-mail addresses replaced by [number] and [email]. Never who sent it.',
  },
  {
    use: 'Results summary',
    sent: 'the campaign’s totals and rates (sent, delivered, replies, clicks, opt-outs, conversions, revenue, spend). No names, no numbers of contacts.',
  },
];

/** Why a Gemini feature is unavailable, for a disabled button's explanation. */
export const NOT_CONNECTED_REASON =
  'Gemini is not connected. Add your API key in Settings → Integrations to use writing help; everything else works without it.';
