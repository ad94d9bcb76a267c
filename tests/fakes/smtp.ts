import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One e-mail the fake server accepted: its raw source, parsed headers and when it arrived. */
export interface ReceivedEmail {
  to: string[];
  from: string;
  raw: string;
  headers: Map<string, string>;
  connectionId: string;
  at: number;
}

/**
 * What the server answers to one message (by recipient): accept, a temporary (4xx) or permanent (5xx) refusal after
 * DATA, or hang up once the message has been read (the client cannot know whether it was taken).
 */
export type SmtpScript = (to: string, attempt: number) => 'accept' | { code: number; message: string } | 'drop';

export interface FakeSmtp {
  port: number;
  received: ReceivedEmail[];
  /** Connections opened (a pool reuses a few). */
  connections: number;
  /** Messages offered per recipient (accepted or not). */
  attempts: Map<string, number>;
  script: SmtpScript;
  close(): Promise<void>;
}

/** Unfolded headers of a message's top-level part, names lower-cased. */
function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

/** A real SMTP server (smtp-server, by nodemailer's authors) on 127.0.0.1, without TLS or authentication. */
export async function startFakeSmtp(options: { script?: SmtpScript; auth?: { user: string; pass: string } } = {}) {
  const fake: FakeSmtp = {
    port: 0,
    received: [],
    connections: 0,
    attempts: new Map(),
    script: options.script ?? (() => 'accept'),
    close: () => Promise.resolve(),
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    size: 5 * 1024 * 1024,
    onConnect(_session, callback) {
      fake.connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
        return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const attempt = (fake.attempts.get(to[0]) ?? 0) + 1;
        fake.attempts.set(to[0], attempt);
        const verdict = fake.script(to[0], attempt);
        if (verdict === 'drop') {
          // Read it all, then hang up without answering: the message may or may not have been taken.
          return void sockets.get(session.remotePort)?.destroy();
        }
        if (verdict !== 'accept') {
          const err = new Error(verdict.message) as Error & { responseCode: number };
          err.responseCode = verdict.code;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        fake.received.push({
          to,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
          headers: parseHeaders(raw),
          connectionId: session.id,
          at: Date.now(),
        });
        callback();
      });
    },
  });
  const sockets = new Map<number, Socket>();
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.server.address() as AddressInfo).port;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
