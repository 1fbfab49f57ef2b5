import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';

/**
 * Sends a request's headers at once and then its body a byte at a time, as a slow client does,
 * until the server ends the connection or `maxBytes` have gone. Answers what the server sent and
 * how many body bytes it took.
 */
function dribble(
  port: number,
  token: string,
  maxBytes: number,
  everyMs: number,
): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, sent });
    });
    socket.on('connect', () => {
      socket.write(
        `POST /v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (sent >= maxBytes) {
          clearInterval(timer);
          socket.destroy();
          reject(new Error(`the server still held the socket after ${sent} bytes`));
          return;
        }
        sent += 1;
        socket.write('{');
      }, everyMs);
    });
  });
}

forEachApp(
  'slow clients',
  (t) => {
    test('a request whose body trickles in is cut off with 408 once REQUEST_TIMEOUT_MS has passed', async () => {
      await t().app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = t().app.server.address() as AddressInfo;
      // At 1 s, the server must end the request long before 60 bytes at 250 ms (15 s) have gone.
      const token = await t().tokenFor(['users:write']);
      const { answer, sent } = await dribble(port, token, 60, 250);
      assert.match(answer, /^HTTP\/1\.1 408/, answer);
      assert.ok(sent < 60, `ended after ${sent} bytes`);
    });
  },
  { requestTimeoutMs: 1000 },
);
