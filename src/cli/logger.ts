import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

/** Structured JSON logs; credentials are redacted wherever they could appear. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers.apikey',
        'req.headers["x-api-key"]',
        'req.headers["x-profiled-signature"]',
        '*.token',
        '*.access_token',
        '*.refresh_token',
        '*.key',
        '*.secretKey',
        '*.currentPassword',
        '*.newPassword',
        '*.password',
        '*.secret',
        '*.clientSecret',
        '*.client_secret',
      ],
      censor: '[redacted]',
    },
  });
}
