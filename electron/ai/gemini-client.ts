import { AppError } from '../../shared/errors';

/**
 * Gemini's generateContent over plain fetch (integrations.md): one endpoint, JSON in and out, so the SDK's
 * dependencies (auth library, protobufs, websockets) buy nothing here, and the error envelope, 429 back-off and
 * timeout stay in our hands. Answers are always structured (`responseSchema`), parsed, and returned as unknown
 * for the caller's zod schema to check.
 */

export interface GeminiConnection {
  apiKey: string;
  model: string;
  /** Without /v1beta, e.g. https://generativelanguage.googleapis.com (tests: the fake on 127.0.0.1). */
  baseUrl: string;
}

/** Gemini's Schema object (an OpenAPI subset): the shape the answer must have. */
export interface ResponseSchema {
  type: 'OBJECT' | 'ARRAY' | 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN';
  description?: string;
  properties?: Record<string, ResponseSchema>;
  required?: string[];
  items?: ResponseSchema;
  enum?: string[];
  format?: 'enum';
  minItems?: string;
  maxItems?: string;
}

export interface GeminiAsk {
  system: string;
  prompt: string;
  schema: ResponseSchema;
  temperature: number;
  maxOutputTokens: number;
}

export interface GeminiTuning {
  /** Pause between attempts after a 429 or 5xx (tests pass a recorder that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
}

/**
 * Why Gemini gave no usable answer. `blocked` and `incomplete` concern this one question (rephrase it);
 * the others concern the connection (key, model, limits, service) and stop background work for a while.
 */
export type GeminiProblemKind =
  'blocked' | 'incomplete' | 'retired' | 'key' | 'rate_limited' | 'unavailable' | 'malformed';

export class GeminiProblem extends AppError {
  readonly kind: GeminiProblemKind;
  constructor(kind: GeminiProblemKind, message: string) {
    super('provider_error', message);
    this.kind = kind;
  }
}

interface ErrorEnvelope {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: Array<{ '@type'?: string; retryDelay?: string }>;
  };
}

interface GenerateAnswer {
  candidates?: Array<{ content?: { parts?: Array<{ text?: string }> }; finishReason?: string }>;
  promptFeedback?: { blockReason?: string };
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_ATTEMPTS = 3;
const MAX_PAUSE_MS = 30_000;

export async function askGemini(conn: GeminiConnection, ask: GeminiAsk, tuning: GeminiTuning = {}): Promise<unknown> {
  const sleep = tuning.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = tuning.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const res = await post(conn, ask, tuning.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const text = await res.text();
    if (res.ok) return readAnswer(text);
    const envelope = parseJson<ErrorEnvelope>(text)?.error;
    const retryable = res.status === 429 || res.status === 500 || res.status === 503;
    if (retryable && attempt < attempts) {
      await sleep(pauseBefore(attempt, res.headers.get('retry-after'), envelope));
      continue;
    }
    throw problemFor(res.status, envelope, conn);
  }
}

async function post(conn: GeminiConnection, ask: GeminiAsk, timeoutMs: number): Promise<Response> {
  const url = `${conn.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(conn.model)}:generateContent`;
  const body = {
    contents: [{ role: 'user', parts: [{ text: ask.prompt }] }],
    systemInstruction: { parts: [{ text: ask.system }] },
    generationConfig: {
      temperature: ask.temperature,
      maxOutputTokens: ask.maxOutputTokens,
      responseMimeType: 'application/json',
      responseSchema: ask.schema,
    },
  };
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': conn.apiKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const why =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no answer within ${Math.round(timeoutMs / 1000)} seconds`
        : err instanceof Error
          ? err.message
          : String(err);
    throw new GeminiProblem(
      'unavailable',
      `Gemini could not be reached at ${conn.baseUrl} (${why}). Check the internet connection; everything else works without it.`,
    );
  }
}

function readAnswer(text: string): unknown {
  const answer = parseJson<GenerateAnswer>(text);
  if (!answer) throw new GeminiProblem('malformed', 'Gemini answered with something that is not JSON. Try again.');
  const blockReason = answer.promptFeedback?.blockReason;
  if (blockReason) {
    throw new GeminiProblem(
      'blocked',
      `Gemini declined to answer (${blockReason}): its safety rules blocked the request. Rephrase it and try again.`,
    );
  }
  const candidate = answer.candidates?.[0];
  if (!candidate) throw new GeminiProblem('malformed', 'Gemini gave no answer. Try again.');
  const finish = candidate.finishReason ?? 'STOP';
  if (finish === 'SAFETY' || finish === 'PROHIBITED_CONTENT' || finish === 'BLOCKLIST' || finish === 'SPII') {
    throw new GeminiProblem(
      'blocked',
      `Gemini stopped its answer for safety reasons (${finish}). Rephrase the request and try again.`,
    );
  }
  if (finish === 'MAX_TOKENS') {
    throw new GeminiProblem(
      'incomplete',
      'Gemini’s answer was cut off before it was complete (MAX_TOKENS). Try a shorter request or fewer options.',
    );
  }
  if (finish !== 'STOP') {
    throw new GeminiProblem(
      'incomplete',
      `Gemini stopped before finishing its answer (${finish}). Try again, or rephrase the request.`,
    );
  }
  const joined = (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
  const parsed = parseJson<unknown>(joined);
  if (parsed === undefined)
    throw new GeminiProblem('malformed', 'Gemini’s answer was not in the expected form. Try again.');
  return parsed;
}

function problemFor(status: number, envelope: ErrorEnvelope['error'], conn: GeminiConnection): GeminiProblem {
  const said = envelope?.message ? ` Gemini said: "${envelope.message}"` : '';
  const code = `${status}${envelope?.status ? ` ${envelope.status}` : ''}`;
  if (status === 404) {
    return new GeminiProblem(
      'retired',
      `The model "${conn.model}" was not found (${code}): this model was retired, choose another in Settings → Integrations (gemini.model).`,
    );
  }
  if (status === 401 || status === 403 || (status === 400 && /api key/i.test(envelope?.message ?? ''))) {
    return new GeminiProblem(
      'key',
      `Gemini did not accept the API key (${code}). Check gemini.apiKey in Settings → Integrations.${said}`,
    );
  }
  if (status === 429) {
    return new GeminiProblem(
      'rate_limited',
      `Gemini’s request limit is reached (${code}); limits are per minute and per day. Try again in a minute.`,
    );
  }
  if (status >= 500)
    return new GeminiProblem('unavailable', `Gemini is not available right now (${code}). Try again later.${said}`);
  return new GeminiProblem('malformed', `Gemini refused the request (${code}).${said}`);
}

/** Google's RetryInfo (`"retryDelay": "27s"`) or Retry-After when given, else 2 s, 4 s …; never more than 30 s. */
function pauseBefore(attempt: number, retryAfter: string | null, envelope: ErrorEnvelope['error']): number {
  const delay = envelope?.details?.find((d) => d['@type']?.endsWith('RetryInfo'))?.retryDelay;
  const fromInfo = delay && /^\d+(\.\d+)?s$/.test(delay) ? Number(delay.slice(0, -1)) * 1000 : null;
  const fromHeader = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : null;
  return Math.min(MAX_PAUSE_MS, fromInfo ?? fromHeader ?? 2000 * 2 ** (attempt - 1));
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
