import { startFakeServer, type Answer, type FakeRequest, type RequestLogEntry } from './fake-server';
import { createFaultPlan, type FaultPlan } from './faults';

/**
 * A fake Gemini `POST /v1beta/models/{model}:generateContent` on 127.0.0.1, following integrations.md: the
 * `x-goog-api-key` header, structured output (`responseMimeType: application/json` + `responseSchema`), answers as
 * `candidates[].content.parts[].text` with a `finishReason`, `promptFeedback.blockReason` with no candidates, and
 * errors as `{ error: { code, message, status } }` (400 bad key, 404 retired model, 429 with RetryInfo, 5xx).
 * Every request body is kept, so privacy tests can read exactly what left the desk.
 */

export const FAKE_GEMINI_KEY = 'test-gemini-key';
export const FAKE_GEMINI_MODEL = 'gemini-3.1-flash-lite';

/** What the next generateContent request gets, instead of the structured answer. */
export type GeminiOutcome =
  | { kind: 'blocked'; reason: 'SAFETY' | 'OTHER' | 'BLOCKLIST' | 'PROHIBITED_CONTENT' }
  | { kind: 'finish'; reason: 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'OTHER' }
  | { kind: 'answer'; json: unknown }
  | { kind: 'text'; text: string };

export interface GeminiCall {
  model: string;
  apiKey: string | undefined;
  /** The request body as sent. */
  raw: string;
  system: string;
  prompt: string;
  schemaKeys: string[];
}

/** The structured answer for a request: by default one made up from the prompt (see `defaultAnswer`). */
export type GeminiResponder = (call: GeminiCall) => unknown;

export interface FakeGemini {
  url: string;
  faults: FaultPlan;
  readonly log: readonly RequestLogEntry[];
  /** generateContent requests that passed the key and model checks, in order. */
  readonly calls: readonly GeminiCall[];
  /** Everything every request carried (bodies of all requests, accepted or not). */
  readonly bodies: readonly string[];
  next(outcome: GeminiOutcome, count?: number): void;
  respond(responder: GeminiResponder | null): void;
  close(): Promise<void>;
}

interface GenerateBody {
  contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
  systemInstruction?: { parts?: Array<{ text?: string }> };
  generationConfig?: { responseMimeType?: string; responseSchema?: { properties?: Record<string, unknown> } };
}

const PATH = /^\/v1beta\/models\/([^/:]+):generateContent$/;

function error(code: number, status: string, message: string, details?: unknown[]): Answer {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

function candidate(text: string, finishReason = 'STOP'): Answer {
  return {
    status: 200,
    body: {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
      usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 40, totalTokenCount: 90 },
      modelVersion: FAKE_GEMINI_MODEL,
    },
  };
}

export async function startFakeGemini(options: { keys?: string[]; models?: string[] } = {}): Promise<FakeGemini> {
  const keys = new Set(options.keys ?? [FAKE_GEMINI_KEY]);
  const models = new Set(options.models ?? [FAKE_GEMINI_MODEL]);
  const faults = createFaultPlan();
  const calls: GeminiCall[] = [];
  const bodies: string[] = [];
  const queue: GeminiOutcome[] = [];
  let responder: GeminiResponder | null = null;

  const handle = (req: FakeRequest): Answer => {
    const match = PATH.exec(req.url.pathname);
    if (req.method !== 'POST' || !match)
      return error(404, 'NOT_FOUND', `Method not found: ${req.method} ${req.url.pathname}`);
    const model = decodeURIComponent(match[1]);
    const apiKey = typeof req.headers['x-goog-api-key'] === 'string' ? req.headers['x-goog-api-key'] : undefined;
    if (!apiKey || !keys.has(apiKey))
      return error(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.');
    if (!models.has(model))
      return error(
        404,
        'NOT_FOUND',
        `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
      );
    let body: GenerateBody;
    try {
      body = JSON.parse(req.body) as GenerateBody;
    } catch {
      return error(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const prompt = body.contents?.[0]?.parts?.map((p) => p.text ?? '').join('') ?? '';
    const config = body.generationConfig;
    if (!prompt || body.contents?.[0]?.role !== 'user')
      return error(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
    if (config?.responseMimeType !== 'application/json' || !config.responseSchema) {
      return error(
        400,
        'INVALID_ARGUMENT',
        'This fake answers structured requests only (responseMimeType application/json with a responseSchema).',
      );
    }
    const call: GeminiCall = {
      model,
      apiKey,
      raw: req.body,
      system: body.systemInstruction?.parts?.map((p) => p.text ?? '').join('') ?? '',
      prompt,
      schemaKeys: Object.keys(config.responseSchema.properties ?? {}),
    };
    calls.push(call);
    const outcome = queue.shift();
    if (outcome?.kind === 'blocked') {
      return {
        status: 200,
        body: {
          promptFeedback: { blockReason: outcome.reason },
          usageMetadata: { promptTokenCount: 50, totalTokenCount: 50 },
        },
      };
    }
    if (outcome?.kind === 'finish')
      return candidate(outcome.reason === 'MAX_TOKENS' ? '{"drafts": [{"text": "Hi {{first_na' : '', outcome.reason);
    if (outcome?.kind === 'text') return candidate(outcome.text);
    const json = outcome?.kind === 'answer' ? outcome.json : (responder ?? defaultAnswer)(call);
    return candidate(JSON.stringify(json));
  };

  const server = await startFakeServer(
    {
      target: () => 'send',
      handle: (req) => {
        bodies.push(req.body);
        return handle(req);
      },
      faultAnswer: (status, retryAfter) =>
        status === 429
          ? error(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter ?? '0.05'}s` },
            ])
          : error(
              status,
              status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
              status === 503 ? 'The model is overloaded. Please try again later.' : 'An internal error has occurred.',
            ),
    },
    faults,
  );

  return {
    url: server.url,
    faults,
    log: server.log,
    calls,
    bodies,
    next(outcome, count = 1) {
      for (let i = 0; i < count; i++) queue.push(outcome);
    },
    respond(r) {
      responder = r;
    },
    close: () => server.close(),
  };
}

const countIn = (prompt: string, fallback: number) => Number(/Write (\d+)/.exec(prompt)?.[1] ?? fallback);

/** A plausible structured answer for each of the desk's requests, made from the prompt alone. */
export function defaultAnswer(call: GeminiCall): unknown {
  if (call.schemaKeys.includes('drafts')) {
    const brief = /Brief: (.*)/.exec(call.prompt)?.[1] ?? 'our news';
    const options = [
      `Hi {{first_name|there}}, ${brief} at {{business_name}}! Reply STOP to opt out`,
      `{{business_name}}: ${brief}. See you soon! Reply STOP to opt out`,
      `{{first_name|Friend}}, don't miss it: ${brief}. {{business_name}}. Reply STOP to opt out`,
      `${brief} - only at {{business_name}}. Reply STOP to opt out`,
      `Good news from {{business_name}}: ${brief}. Reply STOP to opt out`,
    ];
    return { drafts: options.slice(0, countIn(call.prompt, 3)).map((text) => ({ text })) };
  }
  if (call.schemaKeys.includes('variants')) {
    const original = /Original message:\n([\s\S]*?)\n\n/.exec(call.prompt)?.[1] ?? '';
    const changes = ['Book today: ', 'Last chance: ', 'Reply YES to book. ', 'Tap to order: '];
    return {
      variants: changes
        .slice(0, countIn(call.prompt, 2))
        .map((p) => ({ text: `${p}${original}`, difference: `starts with "${p.trim()}"` })),
    };
  }
  if (call.schemaKeys.includes('label')) {
    const reply = call.prompt.toLowerCase();
    if (/stop (texting|messaging)|take me off|unsubscribe|no more (texts|messages)|rather not get these/.test(reply))
      return { label: 'possible_opt_out', confidence: 0.86 };
    if (/wrong number|who is this/.test(reply)) return { label: 'wrong_number', confidence: 0.9 };
    if (/terrible|awful|rude|refund/.test(reply)) return { label: 'complaint', confidence: 0.8 };
    if (/\?/.test(reply)) return { label: 'question', confidence: 0.92 };
    if (/\b(yes|book|want|order)\b/.test(reply)) return { label: 'interested', confidence: 0.88 };
    return { label: 'other', confidence: 0.6 };
  }
  if (call.schemaKeys.includes('summary')) {
    const figures = JSON.parse(/\{.*\}$/s.exec(call.prompt)?.[0] ?? '{}') as {
      sent?: number;
      delivered?: number;
      replied?: number;
    };
    return {
      summary: `${figures.delivered ?? 0} of ${figures.sent ?? 0} texts were delivered and ${figures.replied ?? 0} people replied. Send the next one at the same time of day.`,
    };
  }
  return { ok: true };
}
