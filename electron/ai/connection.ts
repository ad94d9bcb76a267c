import { AppError } from '../../shared/errors';
import { NOT_CONNECTED_REASON } from '../../shared/ai';
import type { DeskCore } from '../core';
import { askGemini, type GeminiAsk, type GeminiConnection, type GeminiTuning } from './gemini-client';

export type GeminiDeps = Pick<DeskCore, 'settings' | 'secrets'>;

/** The connection from the secret store and settings, or null while no API key is set. */
export function geminiConnection(deps: GeminiDeps): GeminiConnection | null {
  const apiKey = deps.secrets.get('gemini.apiKey');
  if (!apiKey) return null;
  return { apiKey, model: deps.settings.get('gemini.model'), baseUrl: deps.settings.get('gemini.baseUrl') };
}

/** Asks Gemini with the current connection; a clear error (never a crash) when it is not connected. */
export function askConnected(deps: GeminiDeps, ask: GeminiAsk, tuning?: GeminiTuning): Promise<unknown> {
  const conn = geminiConnection(deps);
  if (!conn) throw new AppError('secret_unavailable', NOT_CONNECTED_REASON);
  return askGemini(conn, ask, tuning);
}
