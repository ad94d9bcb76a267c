import { deskWithQuo } from '../compliance/desk';
import { FAKE_GEMINI_KEY, startFakeGemini } from '../../fakes/gemini';
import type { Channel, InputOf, OutputOf } from '../../../shared/ipc/contract';

/** The compliance desk (real app, fake Quo, Ana as a contact) connected to a fake Gemini on 127.0.0.1. */
export async function deskWithGemini() {
  const desk = await deskWithQuo();
  const gemini = await startFakeGemini();
  desk.app.settings.set('gemini.baseUrl', gemini.url);
  desk.app.secrets.set('gemini.apiKey', FAKE_GEMINI_KEY);
  return {
    ...desk,
    gemini,
    async call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
      const r = await desk.app.dispatch(channel, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async fails(channel: Channel, input: unknown): Promise<{ code: string; message: string }> {
      const r = await desk.app.dispatchUntyped(channel, input);
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
