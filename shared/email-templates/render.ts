import { AppError } from '../errors';
import { parseTemplate, renderParsed, type ContactContext, type RenderContext } from '../templates';
import { fillBody } from './fill';
import { emailDocument, footerText } from './layout';
import { markdown } from './markdown';
import { plainText } from './plain-text';
import { makeSendable } from './sendable';

export interface EmailBusiness {
  name: string;
  /** What {{business_contact}} stands for, as in texts. */
  contact: string;
  /** The physical postal address every marketing e-mail must carry (CAN-SPAM); lines separated by line breaks. */
  postalAddress: string;
}

export interface EmailRenderInput {
  /** The subject template: plain text with the same {{variables|fallbacks}} as texts. */
  subject: string;
  /** The body template: Markdown with the same {{variables|fallbacks}} as texts. */
  markdown: string;
  contact: ContactContext;
  business: EmailBusiness;
  /** This recipient's own unsubscribe address (absolute http/https), put in the footer of every e-mail. */
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  /** One line, variables filled in. */
  subject: string;
  /** The whole HTML document, inline-styled, ready to send. */
  html: string;
  /** The plain-text alternative with the same words, links and footer. */
  text: string;
  /** Variables that were empty and had no fallback (each once, subject first); they rendered as "". */
  missing: string[];
}

/** Renders one e-mail for one contact. Pure: the same input always gives the same e-mail. */
export function renderEmail(input: EmailRenderInput): RenderedEmail {
  if (!/^https?:\/\/[^\s]+$/i.test(input.unsubscribeUrl)) {
    throw new AppError(
      'invalid_input',
      `The unsubscribe link "${input.unsubscribeUrl}" is not a web address (https://…); every e-mail needs one that works.`,
    );
  }
  const ctx: RenderContext = {
    contact: input.contact,
    business: { name: input.business.name, contact: input.business.contact },
  };
  const subjectResult = renderParsed(parseTemplate(input.subject), ctx);
  const subject = oneLine(subjectResult.text);
  const body = fillBody(input.markdown, ctx);
  const footer = {
    businessName: input.business.name,
    postalAddress: input.business.postalAddress,
    unsubscribeUrl: input.unsubscribeUrl,
  };
  const text = plainText(body.tokens);
  const bodyHtml = markdown.renderer.render(makeSendable(body.tokens), markdown.options, {});
  return {
    subject,
    html: emailDocument(subject, bodyHtml, footer),
    text: `${text}${text === '' ? '' : '\n\n'}${footerText(footer)}\n`,
    missing: [...new Set([...subjectResult.missing, ...body.missing])],
  };
}

/** A subject is one header line: line breaks and runs of spaces (from values too) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
