import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../config.js';

/** Fields that hold secrets, redacted at the top of a log line and one level down. */
const secretFields = [
  'token',
  'access_token',
  'refresh_token',
  'key',
  'secretKey',
  'currentPassword',
  'newPassword',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
];

/**
 * Structured JSON logs (to stdout unless another destination is given); credentials are redacted
 * wherever they could appear.
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers.apikey',
        'req.headers["x-api-key"]',
        'req.headers["x-profiled-signature"]',
        ...secretFields.flatMap((field) => [field, `*.${field}`]),
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
