import { startFakeQuo } from '../fakes/quo';

/** A fake Quo in its own process (for benchmarks that must not share a CPU thread with it). */
const quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
process.send?.(quo.url);
process.on('disconnect', () => void quo.close().then(() => process.exit(0)));
