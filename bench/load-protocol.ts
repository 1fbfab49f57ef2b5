/** What the benchmark process and its load-generating child process say to each other. */

/** One request a scenario sends; a scenario rotates through a list of them. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** JSON text. */
  body?: string;
  /** Statuses that count as success. */
  expect: number[];
  /** A response header that must be present (e.g. etag). */
  expectHeader?: string;
}

/** Where requests go, and the headers every request carries (e.g. a credential). */
export interface Endpoint {
  origin: string;
  headers: Record<string, string>;
}

export interface LoadJob {
  type: 'run';
  endpoint: Endpoint;
  connections: number;
  warmupMs: number;
  durationMs: number;
  requests: RequestSpec[];
  /** Index of the first request to send: a scenario continues its list where its last slice stopped. */
  offset: number;
}

export interface LoadResult {
  type: 'result';
  /** Requests answered inside the measured window. */
  completed: number;
  /** Requests sent, warm-up included. */
  sent: number;
  /** Their latencies in milliseconds, unsorted. */
  latenciesMs: Float64Array;
  measuredMs: number;
  /** Unexpected answers or transport errors, warm-up included. */
  errors: number;
  errorSamples: string[];
}

export type ParentMessage = LoadJob | { type: 'exit' };
