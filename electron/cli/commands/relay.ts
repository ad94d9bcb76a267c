import { defineCommand, UsageError, type Command } from '../framework';

export const relayCommands: Command[] = [
  defineCommand({
    name: 'relay',
    usage: 'relay [--host H] [--port P]',
    summary: 'Run the webhook relay and the background jobs headless until SIGTERM/Ctrl+C (graceful shutdown).',
    options: { host: { type: 'string' }, port: { type: 'string' } },
    async run(ctx, { values }) {
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new UsageError(`--port must be a port number, got "${String(values.port)}"`);
      const app = await ctx.app();
      const relay = await app.startRelay({ host: values.host as string | undefined, port });
      app.startJobs();
      ctx.io.stderr(
        `Relay listening on ${relay.url} (POST /webhooks/quo, /webhooks/twilio; GET /healthz). Ctrl+C to stop.`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // app.close() (by the CLI runner) closes the relay first: in-flight requests finish, nothing is half-written.
      return { json: { url: relay.url, stopped: true }, text: 'Relay stopped.' };
    },
  }),
];
