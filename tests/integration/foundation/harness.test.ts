import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../migrations';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { startHarness, type Harness } from '../../../electron/harness/server';
import { tempDir } from '../../helpers/db';

let app: DeskApp;
let harness: Harness;
let cleanup: () => void;
let base: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  const staticDir = join(t.dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(t.dir, 'secret.txt'), 'outside');
  app = await createApp({ dbPath: join(t.dir, 'desk.sqlite'), log: () => undefined });
  harness = await startHarness(app, { staticDir });
  base = `http://127.0.0.1:${harness.port}`;
});
afterAll(async () => {
  await harness.close();
  await app.close();
  cleanup();
});

const invoke = (body: unknown, token: string | null = harness.token) =>
  fetch(`${base}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Desk-Token': token } : {}) },
    body: JSON.stringify(body),
  });

/** Raw request so the Host header can be forged (fetch forbids setting it). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: harness.port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser harness', () => {
  it('listens on 127.0.0.1 with a random token in its URL', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers contract calls with the token, and refuses them without it', async () => {
    const ok = await invoke({ channel: 'app:info', input: {} });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      value: { provider: 'sandbox', schemaVersion: latestSchemaVersion },
    });
    expect((await invoke({ channel: 'app:info', input: {} }, null)).status).toBe(401);
    expect((await invoke({ channel: 'app:info', input: {} }, 'x'.repeat(harness.token.length))).status).toBe(401);
  });

  it('validates input exactly like the Electron IPC path', async () => {
    const r = await invoke({ channel: 'settings:set', input: { key: 'webhooks.port', value: 70000 } });
    expect(await r.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('webhooks.port') },
    });
    const notJson = await fetch(`${base}/api/invoke`, {
      method: 'POST',
      headers: { 'X-Desk-Token': harness.token },
      body: '{nope',
    });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves the app with a strict CSP, never files outside its folder, and refuses foreign Host headers', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>desk</title>');
    const traversal = await fetch(`${base}/..%2Fsecret.txt`);
    expect(await traversal.text()).not.toContain('outside');
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/', `127.0.0.1:${harness.port}`)).toBe(200);
  });

  it('streams core events to the page over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?token=${harness.token}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    app.events.emit('app:dataChanged', { area: 'contacts' });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"name":"app:dataChanged"');
    controller.abort();
  });
});

describe('browser harness: malformed requests', () => {
  /** Raw request so the path is sent exactly as written (fetch would re-encode it). */
  function raw(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers = {
        Host: `127.0.0.1:${harness.port}`,
        'Content-Type': 'application/json',
        'X-Desk-Token': harness.token,
      };
      const req = request({ host: '127.0.0.1', port: harness.port, method, path, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers a path that is not valid percent-encoding with 400 and one line, not 500 with a stack', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%', '/%ff%fe']) {
      const answer = await raw('GET', path);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(JSON.parse(answer.text)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'The request path is not valid URL encoding.' },
      });
    }
  });

  it('answers a body of null, a number or an array with 400 and one line', async () => {
    for (const body of ['null', '42', '"text"', '[1]']) {
      const answer = await raw('POST', '/api/invoke', body);
      expect([body, answer.status]).toEqual([body, 400]);
      expect(JSON.parse(answer.text)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Request body must be a JSON object with a channel and an input.' },
      });
      expect(answer.text).not.toMatch(/\n|at .*\(/);
    }
  });
});
