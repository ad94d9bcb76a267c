import { createSocket, type Socket } from 'node:dgram';

/**
 * A real DNS server over UDP on 127.0.0.1 that answers TXT questions from a table (name → records; a record
 * longer than 255 characters is sent as several strings, as real servers do). Names not in the table answer
 * NXDOMAIN; `silent` names get no answer at all (a timeout). Enough of RFC 1035 for node:dns's resolver.
 */
export interface FakeDns {
  /** "127.0.0.1:<port>", for the deliverability.dnsServer setting. */
  server: string;
  records: Map<string, string[]>;
  silent: Set<string>;
  /** Every name asked, lowercase, in order. */
  asked: string[];
  close(): Promise<void>;
}

const TYPE_TXT = 16;

export async function startFakeDns(initial: Record<string, string[]> = {}): Promise<FakeDns> {
  const records = new Map(Object.entries(initial).map(([name, txt]) => [name.toLowerCase(), txt]));
  const silent = new Set<string>();
  const asked: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const question = readQuestion(query);
    if (!question) return;
    asked.push(question.name);
    if (silent.has(question.name)) return;
    const found = records.get(question.name);
    const answers = question.type === TYPE_TXT && found ? found : [];
    socket.send(reply(query, question.end, found ? 0 : 3, answers), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    server: `127.0.0.1:${port}`,
    records,
    silent,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function readQuestion(query: Buffer): { name: string; type: number; end: number } | null {
  if (query.length < 17 || query.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let i = 12;
  while (i < query.length) {
    const length = query[i] ?? 0;
    if (length === 0) break;
    labels.push(query.subarray(i + 1, i + 1 + length).toString('ascii'));
    i += 1 + length;
  }
  const end = i + 5; // the root label, QTYPE, QCLASS
  if (end > query.length) return null;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(i + 1), end };
}

/** The header (same id, a response, recursion available), the question as asked, and one TXT answer per record. */
function reply(query: Buffer, questionEnd: number, rcode: number, answers: string[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const parts = [header, query.subarray(12, questionEnd)];
  for (const text of answers) {
    const strings: Buffer[] = [];
    for (let k = 0; k < text.length || k === 0; k += 255) {
      const chunk = Buffer.from(text.slice(k, k + 255), 'utf8');
      strings.push(Buffer.from([chunk.length]), chunk);
    }
    const data = Buffer.concat(strings);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(TYPE_TXT, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    parts.push(fixed, data);
  }
  return Buffer.concat(parts);
}
