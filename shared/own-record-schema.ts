import { z } from 'zod';
import { ownRecord } from './own-keys';

// Kept apart from own-keys.ts so the import writer's thread, which needs ownRecord, does not load zod.
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Like z.record(key, value), but keeps every own key of the input (z.record drops `__proto__`) and answers a
 * prototype-free object (ownRecord).
 */
export function ownRecordSchema<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z
    .custom<Record<z.input<K>, z.input<V>>>(isPlainObject, { message: 'expected an object of names and values' })
    .transform((input, ctx) => {
      const out = ownRecord<z.output<V>>();
      for (const [k, raw] of Object.entries(input)) {
        const kr = key.safeParse(k);
        const vr = value.safeParse(raw);
        if (!kr.success || !vr.success) {
          ctx.addIssue({
            code: 'custom',
            message: (kr.error ?? vr.error)?.issues[0]?.message ?? 'not allowed here',
            path: [k],
          });
          return z.NEVER;
        }
        out[kr.data] = vr.data;
      }
      return out;
    });
}
