/** What the preload exposes (and nothing more). Absent in the browser harness. */
interface DeskBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

interface Window {
  desk?: DeskBridge;
}
