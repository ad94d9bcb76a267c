import { suggestVariable } from './suggest';
import { FIELD_PREFIX, isBuiltinVariable, isValidFieldKey, type BuiltinVariable } from './variables';

/**
 * Positions are offsets into the template body in UTF-16 code units (JavaScript string indices), `end`
 * exclusive — the same numbers a textarea's selectionStart/selectionEnd use, so the editor can highlight them.
 */
export interface Span {
  start: number;
  end: number;
}

export interface TextToken extends Span {
  kind: 'text';
  text: string;
}

export interface VariableToken extends Span {
  kind: 'variable';
  /** `first_name`, `business_name`, or `field:loyalty_tier` for a custom field: the name reported as missing. */
  key: string;
  /** The built-in variable, or null for a custom field. */
  builtin: BuiltinVariable | null;
  /** The custom field key for `{{field:…}}`, otherwise null. */
  fieldKey: string | null;
  /** Text used when the value is empty; null when the placeholder has no `|fallback`. */
  fallback: string | null;
  /** The placeholder exactly as written, braces included. */
  raw: string;
}

export type TemplateToken = TextToken | VariableToken;

export type ParseErrorCode =
  'unclosed_braces' | 'stray_closing_braces' | 'empty_variable' | 'unknown_variable' | 'bad_field_key';

export interface ParseError extends Span {
  code: ParseErrorCode;
  message: string;
  /** What to write instead, braces included (e.g. `{{first_name|there}}`), when we can tell. */
  suggestion?: string;
}

export interface ParsedTemplate {
  body: string;
  /**
   * Text and variables in order. Concatenating every token's text/raw gives back the body exactly: a broken
   * placeholder stays in the text, so a preview shows the owner what they wrote rather than hiding it.
   */
  tokens: TemplateToken[];
  errors: ParseError[];
}

export interface ParseOptions {
  /** Custom field keys that exist, used only to suggest the right one for a misspelt name. */
  knownFields?: readonly string[];
}

const OPEN = '{{';
const CLOSE = '}}';

export function parseTemplate(body: string, options: ParseOptions = {}): ParsedTemplate {
  const tokens: TemplateToken[] = [];
  const errors: ParseError[] = [];
  const knownFields = options.knownFields ?? [];
  let textStart = 0;
  let i = 0;

  const flushText = (upTo: number) => {
    if (upTo > textStart) tokens.push({ kind: 'text', text: body.slice(textStart, upTo), start: textStart, end: upTo });
  };

  while (i < body.length) {
    if (body.startsWith(OPEN, i)) {
      // In "{{{name}}}" the outer braces are literal text around a placeholder.
      while (body[i + 2] === '{') i++;
      const close = findClose(body, i + 2);
      if (close < 0) {
        errors.push(unclosed(body, i));
        i += OPEN.length;
        continue;
      }
      const end = close + CLOSE.length;
      const raw = body.slice(i, end);
      const result = readPlaceholder(raw, body.slice(i + 2, close), i, end, knownFields);
      if ('code' in result) {
        errors.push(result);
      } else {
        flushText(i);
        tokens.push(result);
        textStart = end;
      }
      i = end;
      continue;
    }
    if (body.startsWith(CLOSE, i)) {
      let end = i;
      while (body[end] === '}') end++;
      errors.push({
        code: 'stray_closing_braces',
        message: `"${body.slice(i, end)}" closes a variable that was never opened. Remove it, or add "{{" and a variable name before it.`,
        start: i,
        end,
      });
      i = end;
      continue;
    }
    i++;
  }
  flushText(body.length);
  return { body, tokens, errors };
}

/**
 * Index of the "}}" closing a placeholder whose content starts at `from`, or -1 when another "{{" or a line
 * break comes first: a placeholder never spans lines, so "Hi {{first_name" is reported where it was written
 * instead of swallowing the rest of the message up to some later "}}".
 */
function findClose(body: string, from: number): number {
  for (let k = from; k < body.length; k++) {
    const c = body[k];
    if (c === '\n' || c === '\r') return -1;
    if (c === '}' && body[k + 1] === '}') return k;
    if (c === '{' && body[k + 1] === '{') return -1;
  }
  return -1;
}

/** An unclosed placeholder is reported over "{{" and the name that follows it (`{{first_name`). */
function unclosed(body: string, start: number): ParseError {
  let end = start + OPEN.length;
  while (end < body.length && (body[end] === ' ' || body[end] === '\t')) end++;
  while (end < body.length && /[A-Za-z0-9_:]/.test(body[end])) end++;
  while (end > start + OPEN.length && (body[end - 1] === ' ' || body[end - 1] === '\t')) end--;
  const written = body.slice(start, end);
  return {
    code: 'unclosed_braces',
    message: `"${written}" is missing its closing "}}". Write it as "${written}}}".`,
    start,
    end,
    suggestion: `${written}}}`,
  };
}

function readPlaceholder(
  raw: string,
  inner: string,
  start: number,
  end: number,
  knownFields: readonly string[],
): VariableToken | ParseError {
  const pipe = inner.indexOf('|');
  const name = (pipe < 0 ? inner : inner.slice(0, pipe)).trim();
  const fallback = pipe < 0 ? null : inner.slice(pipe + 1).trim();
  const withFallback = (suggested: string) => `{{${suggested}${fallback === null ? '' : `|${fallback}`}}}`;

  if (name === '') {
    return {
      code: 'empty_variable',
      message: `"${raw}" has no variable name. Write a name between the braces, such as {{first_name}}, or remove it.`,
      start,
      end,
    };
  }

  const colon = name.indexOf(':');
  if (colon >= 0 && name.slice(0, colon).trim() === FIELD_PREFIX) {
    const fieldKey = name.slice(colon + 1).trim();
    if (!isValidFieldKey(fieldKey)) {
      const suggested = suggestVariable(name, knownFields);
      const hint = suggested ? ` Did you mean ${withFallback(suggested)}?` : '';
      return {
        code: 'bad_field_key',
        message:
          fieldKey === ''
            ? `"${raw}" names no custom field. Write the field's key after "field:", such as {{field:loyalty_tier}}.${hint}`
            : `"${fieldKey}" in "${raw}" is not a valid custom field key: use lowercase letters, digits and underscores, starting with a letter.${hint}`,
        start,
        end,
        ...(suggested ? { suggestion: withFallback(suggested) } : {}),
      };
    }
    return { kind: 'variable', key: `${FIELD_PREFIX}:${fieldKey}`, builtin: null, fieldKey, fallback, raw, start, end };
  }

  if (colon < 0 && isBuiltinVariable(name)) {
    return { kind: 'variable', key: name, builtin: name, fieldKey: null, fallback, raw, start, end };
  }

  const suggested = suggestVariable(name, knownFields);
  return {
    code: 'unknown_variable',
    message: suggested
      ? `"${raw}" is not a variable we know. Did you mean ${withFallback(suggested)}?`
      : `"${raw}" is not a variable we know. Use one of {{first_name}}, {{last_name}}, {{full_name}}, {{phone}}, {{email}}, {{business_name}}, {{business_contact}} or {{field:<key>}}.`,
    start,
    end,
    ...(suggested ? { suggestion: withFallback(suggested) } : {}),
  };
}

/** The variables a template uses, each key once, in order of first use. */
export function usedVariables(parsed: ParsedTemplate): string[] {
  const seen = new Set<string>();
  for (const token of parsed.tokens) if (token.kind === 'variable') seen.add(token.key);
  return [...seen];
}
