/**
 * The hardened base on a real socket: a client that trickles its request is cut off with a 408,
 * an oversized header block gets a 431, both as JSON with a code and a Chinese message.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { createHttpApp } from './http-app';

/** Writes `chunks` one per `everyMs`, then collects whatever the server answers until it closes. */
function rawExchange(port: number, chunks: readonly string[], everyMs: number, giveUpMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < chunks.length && socket.writable) socket.write(chunks[i++]!);
    }, everyMs);
    const done = (): void => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ answer, closedAfterMs: Date.now() - started });
    };
    const limit = setTimeout(() => (socket.destroy(), done()), giveUpMs);
    socket.on('data', (d) => (answer += d.toString('utf8')));
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

describe('the hardened HTTP base on a real socket', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = createHttpApp({ logger: jsonLogger('silent'), timeouts: { requestMs: 1_500, headersMs: 1_000, idleMs: 5_000, keepAliveMs: 1_000 } }, (a) => {
      a.post('/echo', async (request) => ({ got: request.body }));
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
  });

  it('cuts off a client that sends one byte at a time (slowloris) with 408 REQUEST_TIMEOUT', async () => {
    const request = 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"a":"' + 'x'.repeat(33) + '"}';
    const { answer, closedAfterMs } = await rawExchange(port, [...request], 400, 20_000);
    expect(closedAfterMs).toBeLessThan(6_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ code: 'REQUEST_TIMEOUT', message: '请求超时，请重新提交' });
  }, 30_000);

  it('answers too large a header block with 431 HEADERS_TOO_LARGE, in Chinese', async () => {
    const { answer } = await rawExchange(port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`], 10, 5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(answer).toContain('x-frame-options: DENY');
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toEqual({ code: 'HEADERS_TOO_LARGE', message: '请求头过大' });
  });

  it('still serves a normal request, with its security headers', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await res.json()).toEqual({ got: { a: 1 } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
