import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import type { AiStatus } from '../../../../shared/ipc/channels/ai';

/** Whether Gemini is connected; reloads when settings (the key, the model) change. */
export function useAiStatus(): { status: AiStatus | undefined; reload: () => void } {
  const q = useQuery(() => api.ai.status({}), [], ['settings', 'inbox']);
  return { status: q.data, reload: q.reload };
}
