import { startFakeQuo } from '../fakes/quo';

/** A fake Quo in its own process (for benchmarks that must not share a CPU thread with it). */
const limit = process.argv[2];
const quo = await startFakeQuo({ rateLimitPerSecond: limit ? Number(limit) : 'unlimited' });
process.send?.(quo.url);
process.on('message', (m) => {
  if (m === 'stats') process.send?.({ sent: quo.sent.length, rateLimited: quo.rateLimited });
});
process.on('disconnect', () => void quo.close().then(() => process.exit(0)));
