import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The tunnel runs on this machine, so its connections to the relay come from a loopback address. */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Who sent a webhook request, for the failed-signature budget. Behind the tunnel the socket only ever shows the
 * tunnel (a loopback address); cloudflared and ngrok both APPEND the address they saw to X-Forwarded-For, so the
 * last entry is the one the tunnel wrote — everything before it (and any CF-Connecting-IP under ngrok) is whatever
 * the sender chose to put there. That last entry is trusted only on a loopback connection (a tunnel of ours); a
 * sender reaching the relay directly (relay host 0.0.0.0) is known by its socket address whatever it claims.
 */
export function clientAddress(req: IncomingMessage): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (!isLoopback(socketAddress)) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const last = forwarded[forwarded.length - 1].trim();
  return isIP(last) ? last : socketAddress;
}
