/** Template logic shared by main and renderer: pure, no Node APIs. */
export { parseTemplate, usedVariables } from './parse';
export type {
  ParseError,
  ParseErrorCode,
  ParseOptions,
  ParsedTemplate,
  Span,
  TemplateToken,
  TextToken,
  VariableToken,
} from './parse';
export { renderParsed, renderTemplate, resolveVariable } from './render';
export type { BusinessContext, ContactContext, RenderContext, RenderResult } from './render';
export {
  FIELD_KEY_PATTERN,
  builtinVariables,
  businessVariables,
  contactVariables,
  isBuiltinVariable,
  isValidFieldKey,
  toFieldKey,
} from './variables';
export type { BuiltinVariable } from './variables';
export { suggestVariable } from './suggest';
export { GSM_PER_PART, GSM_SINGLE, UCS2_PER_PART, UCS2_SINGLE, countSegments, segmentsOf } from './segments';
export type { SegmentCount, SmsEncoding, Ucs2Character } from './segments';
export {
  GSM_BASIC_CHARACTERS,
  GSM_EXTENSION_CHARACTERS,
  isGsmCharacter,
  isGsmExtensionCharacter,
  isGsmText,
} from './gsm-charset';
export { applyGsmReplacements, gsmReplacementFor, gsmReplacements } from './gsm-replacements';
export type { ApplyGsmReplacementsOptions, GsmReplacement, GsmReplacementKind } from './gsm-replacements';
export { MAX_MESSAGE_LENGTH } from './issues';
export type { TemplateIssue, TemplateIssueCode } from './issues';
export { validateTemplate, audienceStatIssues } from './validate';
export type { ValidateOptions, AudienceStats } from './validate';
export { lintTemplate } from './lint';
export type { LintOptions } from './lint';
export { findOptOutWording } from './opt-out-wording';
export { LINK_SHORTENER_DOMAINS, findLinkShorteners } from './link-shorteners';
export type { ShortenerLink } from './link-shorteners';
export { segmentSpread, measureAudience, measureRecipient, prepareForAudience } from './audience';
export type { AudienceSegments, MeasurableTemplate, RecipientMeasure } from './audience';
export { estimateCost } from './cost';
export type { CostEstimate } from './cost';
export { previewTemplate } from './preview';
export type { PreviewOptions, PreviewWarning, TemplatePreview } from './preview';
