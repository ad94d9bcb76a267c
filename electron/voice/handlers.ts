import type { voiceChannels } from '../../shared/ipc/channels/voice';
import type { DeskCore } from '../core';
import type { Handler } from '../ipc/dispatch';
import { callSetup, placeTestCall } from './test-call';

type VoiceHandlers = { [C in keyof typeof voiceChannels]: Handler<C> };

export function createVoiceHandlers(core: DeskCore): VoiceHandlers {
  return {
    'voice:callSetup': () => callSetup(core),
    'voice:testCall': (content) => placeTestCall(core, content),
  };
}
