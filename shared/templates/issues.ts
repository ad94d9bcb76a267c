import type { Span } from './parse';

export type TemplateIssueCode =
  // validation
  | 'empty_body'
  | 'too_long'
  | 'rendered_too_long'
  | 'unclosed_braces'
  | 'stray_closing_braces'
  | 'empty_variable'
  | 'unknown_variable'
  | 'bad_field_key'
  | 'unknown_field'
  | 'missing_value'
  // compliance lint
  | 'missing_business_name'
  | 'business_name_not_set'
  | 'missing_opt_out'
  | 'link_shortener'
  | 'ucs2_forced'
  // preview of one contact
  | 'ucs2_from_contact';

/**
 * One finding about a template. `error` means the message must not be sent as it is; `warning` means it can be
 * sent but the owner should look (cost, compliance wording, contacts missing data).
 */
export interface TemplateIssue {
  code: TemplateIssueCode;
  message: string;
  severity: 'error' | 'warning';
  /** Where in the template body (UTF-16 offsets, end exclusive), when the finding is about one place. */
  position?: Span;
  /** How many contacts of the audience it concerns, for findings about rendered messages. */
  affected?: number;
  /** Text to put at `position` instead, when there is an obvious fix. */
  suggestion?: string;
}

/** Maximum message length Quo (and Twilio) accept, in characters. */
export const MAX_MESSAGE_LENGTH = 1600;
