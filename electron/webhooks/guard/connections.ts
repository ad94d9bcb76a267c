import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Open connections the relay keeps at most unless told otherwise; providers use a handful, a flood uses thousands. */
export const DEFAULT_MAX_CONNECTIONS = 128;

export interface ConnectionLimit {
  /** Sockets open now. */
  open(): number;
  /**
   * Stops listening and closes each connection once it has nothing left to answer. Requests whose bytes have
   * already arrived are read and answered (with `Connection: close`) first, rather than reset with their socket;
   * after `graceMs`, whatever is still open is cut.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * Caps the relay's open connections at `max`. When a new connection would go over, the connection idle the longest
 * (no request in progress, often a keep-alive socket a client is holding) is closed to make room; when none is idle,
 * the new connection is refused. Node's own `maxConnections` only refuses newcomers, which lets idle sockets starve
 * a provider with a real delivery.
 */
export function limitConnections(server: Server, max = DEFAULT_MAX_CONNECTIONS): ConnectionLimit {
  // In order of last activity: the first idle one found is the longest idle.
  const sockets = new Map<Socket, { active: number }>();
  const inProgress = new Set<ServerResponse>();

  server.on('connection', (socket: Socket) => {
    if (sockets.size >= max) {
      const idle = [...sockets].find(([, state]) => state.active === 0)?.[0];
      if (!idle) {
        socket.destroy();
        return;
      }
      sockets.delete(idle);
      idle.destroy();
    }
    sockets.set(socket, { active: 0 });
    socket.once('close', () => sockets.delete(socket));
  });

  server.on('request', (req, res) => {
    inProgress.add(res);
    res.once('close', () => inProgress.delete(res));
    const socket = req.socket;
    const state = sockets.get(socket);
    if (!state) return;
    state.active++;
    sockets.delete(socket);
    sockets.set(socket, state);
    res.once('close', () => {
      state.active--;
    });
  });

  return {
    open: () => sockets.size,
    close(graceMs) {
      // Answers still being prepared end their connection once sent, so no keep-alive socket outlives the close.
      for (const res of inProgress) if (!res.headersSent) res.setHeader('connection', 'close');
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        // server.close() closes idle keep-alive sockets at once. A request already sitting in such a socket's
        // receive buffer has not been parsed yet, so it would be reset with it: let one full turn of the event loop
        // (which polls the sockets) pass first, so that request becomes one in progress and is answered.
        setImmediate(() =>
          setImmediate(() => {
            server.close(() => {
              clearTimeout(force);
              resolve();
            });
          }),
        );
      });
    },
  };
}
