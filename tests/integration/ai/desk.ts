import { deskWithQuo } from '../compliance/desk';
import { FAKE_GEMINI_KEY, startFakeGemini } from '../../fakes/gemini';

/** The compliance desk (real app, fake Quo, Ana as a contact) connected to a fake Gemini on 127.0.0.1. */
export async function deskWithGemini() {
  const desk = await deskWithQuo();
  const gemini = await startFakeGemini();
  desk.app.settings.set('gemini.baseUrl', gemini.url);
  desk.app.secrets.set('gemini.apiKey', FAKE_GEMINI_KEY);
  return {
    ...desk,
    gemini,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const r = await desk.app.dispatch(channel, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async fails(channel: string, input: unknown): Promise<{ code: string; message: string }> {
      const r = await desk.app.dispatch(channel, input);
      if (r.ok) throw new Error(`${channel} succeeded`);
      return r.error;
    },
    async close() {
      await desk.close();
      await gemini.close();
    },
  };
}

export type GeminiDesk = Awaited<ReturnType<typeof deskWithGemini>>;
