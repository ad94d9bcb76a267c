import { createServer } from 'node:http';

/**
 * The cheapest server that still answers a Quo send the documented way (202 + `{ data: { id, … } }`), in its own
 * process: for measuring the dispatcher's own overhead without the full fake's bookkeeping in the way.
 */
let n = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/messages' || !req.headers.authorization) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"message":"Not found","code":"0100404","status":404}');
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string[]; from: string; content: string };
    const now = new Date().toISOString();
    const id = `AC${(++n).toString(16).padStart(30, '0')}`;
    const data = {
      id,
      to: body.to,
      from: body.from,
      text: body.content,
      phoneNumberId: 'PN00000001',
      conversationId: 'CN1',
      direction: 'outgoing',
      userId: 'US1',
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    };
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address() as { port: number };
  process.send?.(`http://127.0.0.1:${addr.port}`);
});
process.on('disconnect', () => server.close(() => process.exit(0)));
