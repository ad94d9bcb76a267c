import { FIELD_PREFIX, builtinVariables, toFieldKey, variableAliases } from './variables';

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("frist" → "first"), because swapped
 * letters are the most common typing slip in a variable name.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/** How far a name may be from a real one and still be a believable typo of it. */
function tolerance(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  return 2;
}

/** Lowercase, spaces and dashes as underscores: "First Name" and "first-name" both become "first_name". */
function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');
}

/**
 * The variable the owner most likely meant by an unknown name (the text between the braces, without the
 * fallback), written as it should appear between the braces — `first_name` or `field:loyalty_tier` — or null
 * when nothing is close enough to suggest with confidence.
 */
export function suggestVariable(name: string, knownFields: readonly string[] = []): string | null {
  const colon = name.indexOf(':');
  if (colon >= 0) {
    const prefix = normalizeName(name.slice(0, colon));
    const key = toFieldKey(name.slice(colon + 1));
    if (key === '' || editDistance(prefix, FIELD_PREFIX) > 2) return null;
    return `${FIELD_PREFIX}:${closestField(key, knownFields) ?? key}`;
  }
  const normalized = normalizeName(name);
  if (normalized === '') return null;
  if ((builtinVariables as readonly string[]).includes(normalized)) return normalized;
  const alias = variableAliases[normalized] ?? variableAliases[normalized.replace(/_/g, '')];
  if (alias) return alias;

  let best: string | null = null;
  let bestDistance = Infinity;
  const consider = (candidate: string, compareWith: string) => {
    const distance = editDistance(normalized, compareWith);
    if (distance < bestDistance && distance <= tolerance(Math.max(normalized.length, compareWith.length))) {
      best = candidate;
      bestDistance = distance;
    }
  };
  for (const builtin of builtinVariables) consider(builtin, builtin);
  for (const field of knownFields) consider(`${FIELD_PREFIX}:${field}`, field);
  return best;
}

/** The known custom field closest to a key, or null when none is a believable typo of it. */
export function closestField(key: string, knownFields: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const normalized = toFieldKey(key) || key.toLowerCase();
  for (const field of knownFields) {
    const distance = editDistance(normalized, field);
    if (distance < bestDistance && distance <= tolerance(Math.max(normalized.length, field.length))) {
      best = field;
      bestDistance = distance;
    }
  }
  return best;
}
