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
