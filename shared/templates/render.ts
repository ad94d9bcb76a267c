import { parseTemplate, type ParsedTemplate, type VariableToken } from './parse';

/** A contact as templates see it. Values straight from the database may be null. */
export interface ContactContext {
  firstName: string | null | undefined;
  lastName: string | null | undefined;
  /** E.164, rendered exactly as stored. */
  phone: string | null | undefined;
  email: string | null | undefined;
  /** Custom field values by key. */
  fields: Readonly<Record<string, string | null | undefined>>;
}

export interface BusinessContext {
  name: string;
  contact: string;
}

export interface RenderContext {
  contact: ContactContext;
  business: BusinessContext;
}

export interface RenderResult {
  text: string;
  /** Variables that were empty and had no fallback (each key once, in order of first use); they rendered as "". */
  missing: string[];
}

export function renderTemplate(body: string, ctx: RenderContext): RenderResult {
  return renderParsed(parseTemplate(body), ctx);
}

/** Renders an already-parsed template: an audience of thousands is parsed once, not once per contact. */
export function renderParsed(parsed: ParsedTemplate, ctx: RenderContext): RenderResult {
  let text = '';
  const missing: string[] = [];
  for (const token of parsed.tokens) {
    if (token.kind === 'text') {
      text += token.text;
      continue;
    }
    const value = resolveVariable(token, ctx);
    if (value !== '') {
      text += value;
    } else if (token.fallback !== null) {
      text += token.fallback;
    } else if (!missing.includes(token.key)) {
      missing.push(token.key);
    }
  }
  return { text, missing };
}

/**
 * The value a placeholder stands for, trimmed; "" when the contact has none. Values are trimmed because
 * imported names often carry stray spaces, and a value of only spaces is as good as empty: the fallback wins.
 */
export function resolveVariable(token: VariableToken, ctx: RenderContext): string {
  const { contact, business } = ctx;
  if (token.fieldKey !== null) {
    const fields = contact.fields;
    return Object.prototype.hasOwnProperty.call(fields, token.fieldKey) ? clean(fields[token.fieldKey]) : '';
  }
  switch (token.builtin) {
    case 'first_name':
      return clean(contact.firstName);
    case 'last_name':
      return clean(contact.lastName);
    case 'full_name':
      return [clean(contact.firstName), clean(contact.lastName)].filter((part) => part !== '').join(' ');
    case 'phone':
      return clean(contact.phone);
    case 'email':
      return clean(contact.email);
    case 'business_name':
      return clean(business.name);
    case 'business_contact':
      return clean(business.contact);
    default:
      return '';
  }
}

function clean(value: string | null | undefined): string {
  return value == null ? '' : value.trim();
}
