import { IANAZone } from 'luxon';
import { z } from 'zod';
import { unknownPlaceholders } from './compliance/replies';

/**
 * The building blocks of setting schemas: each refuses a bad value with a sentence the owner understands (a test
 * rejects zod's own wording such as "expected number, received null"). New settings are made from these.
 */
export const hhmm = z
  .string({ error: 'enter a time as HH:MM, e.g. 09:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'enter a time as HH:MM (24-hour), e.g. 09:30');
/** Numbers: "abc" from a form or the command line says so in words, not "expected number, received null". */
export const number = () => z.number({ error: 'enter a number' });
export const wholeNumber = (min: number, max: number) =>
  number()
    .int('enter a whole number')
    .min(min, `enter ${min.toLocaleString('en-US')} or more`)
    .max(max, `enter at most ${max.toLocaleString('en-US')}`);
export const text = (max: number) => z.string({ error: 'enter some text' }).max(max, `keep it under ${max} characters`);
export const choice = <const T extends readonly [string, ...string[]]>(options: T) =>
  z.enum(options, { error: `choose one of: ${options.join(', ')}` });
export const rate = number().min(0, 'must be between 0 and 1, e.g. 0.05').max(1, 'must be between 0 and 1, e.g. 0.05');

/** Test servers run on this machine over plain http; anything else must be https. */
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i;
const isUrl = (v: string) => URL.canParse(v);
// A provider's API: https, so keys and customers' numbers never cross the network in clear text.
export const providerUrl = z
  .string({ error: 'enter the API address, e.g. https://api.example.com' })
  .trim()
  .refine(isUrl, 'enter a full web address starting with https://, e.g. https://api.example.com')
  .refine(
    (v) => v.startsWith('https://') || LOOPBACK_HTTP.test(v),
    'must start with https:// (plain http:// only for 127.0.0.1 or localhost, when testing)',
  );
// Empty means "the default for the environment" (QuickBooks); otherwise the same rule as a provider's API address.
export const optionalProviderUrl = z
  .string({ error: 'enter the API address, e.g. https://api.example.com, or leave it empty' })
  .trim()
  .refine(
    (v) => v === '' || (isUrl(v) && (v.startsWith('https://') || LOOPBACK_HTTP.test(v))),
    'must start with https:// (plain http:// only for 127.0.0.1 or localhost, when testing), or be empty for the default',
  );
// The public tunnel address ends up inside texts as tracked links: only an https web address (loopback http for tests).
export const publicUrl = z
  .string({ error: 'enter the tunnel address, e.g. https://abc.trycloudflare.com' })
  .trim()
  .refine(
    (v) => v === '' || (isUrl(v) && (v.startsWith('https://') || LOOPBACK_HTTP.test(v))),
    'must be an https:// address such as https://abc.trycloudflare.com (plain http:// only for 127.0.0.1 or localhost, when testing), or empty',
  );
// A page of the owner's own web shop (compared with visited links): an http(s) web address, or empty.
export const shopPageUrl = z
  .string({ error: 'enter a web address, e.g. https://shop.example/thank-you' })
  .trim()
  .refine(
    (v) => v === '' || (isUrl(v) && /^https?:\/\//i.test(v)),
    'must be a web address such as https://shop.example/thank-you, or empty',
  );
export const timeZone = z
  .string({ error: 'enter a time zone name, e.g. America/New_York' })
  .trim()
  .superRefine((v, ctx) => {
    if (!IANAZone.isValidZone(v))
      ctx.addIssue({
        code: 'custom',
        message: `${v || 'an empty name'} is not a time zone; use a name like America/New_York`,
      });
  });
// A service text (HELP answer, opt-out/opt-in confirmation): short, and only placeholders the desk can fill.
export const serviceText = z
  .string({ error: 'enter the text to send' })
  .trim()
  .min(1, 'cannot be empty')
  .max(320, 'keep it under 320 characters (two text segments)')
  .refine((v) => unknownPlaceholders(v).length === 0, 'use only the placeholders {business} and {contact}');
// Estimates count in ten-thousandths of a dollar, so a finer price would be silently rounded: refuse it instead.
export const price = number()
  .min(0, 'must be 0 or more dollars')
  .max(10, 'must be at most 10 dollars per segment')
  .refine((v) => Math.abs(v * 10_000 - Math.round(v * 10_000)) < 1e-6, 'use at most 4 decimals, e.g. 0.0083');
