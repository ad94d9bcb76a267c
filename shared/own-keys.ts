import { z } from 'zod';

/**
 * Objects keyed by text a user wrote (CSV headers, custom field keys, mapping overrides). A plain `{}` inherits
 * `constructor`, `toString`… from Object.prototype and treats an assignment to `__proto__` as a change of prototype,
 * so a column or field with such a name would be mistaken for something else or silently dropped. These objects have
 * no prototype: every key, `__proto__` included, is an ordinary own property.
 */
export function ownRecord<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The value of an own property only, never one inherited from Object.prototype. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

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
          ctx.addIssue({ code: 'custom', message: (kr.error ?? vr.error)?.issues[0]?.message ?? 'not allowed here', path: [k] });
          return z.NEVER;
        }
        out[kr.data] = vr.data;
      }
      return out as Record<z.output<K>, z.output<V>>;
    });
}
