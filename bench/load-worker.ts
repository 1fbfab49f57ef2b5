/**
 * The load generator, run as a child process of the benchmark so that the client does not share
 * the server's event loop. For each job: `connections` keep-alive connections, each sending the
 * next request of the list as soon as its previous answer is read (a closed loop), for warm-up
 * plus duration; the requests answered inside the measured window are counted and timed (a slow
 * request that began before it counts too: a closed loop's throughput is its answers a second).
 */
import http from 'node:http';
import type { LoadJob, LoadResult, ParentMessage, RequestSpec } from './load-protocol.js';

interface Prepared {
  spec: RequestSpec;
  options: http.RequestOptions;
  body: Buffer | undefined;
}

function prepare(job: LoadJob, agent: http.Agent): Prepared[] {
  const origin = new URL(job.endpoint.origin);
  return job.requests.map((spec) => {
    const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
    const headers: Record<string, string | number> = { ...job.endpoint.headers, ...spec.headers };
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = body.length;
    }
    const options = {
      host: origin.hostname,
      port: origin.port,
      method: spec.method,
      path: spec.path,
      headers,
      agent,
    };
    return { spec, options, body };
  });
}

/** Sends one request; answers null on success, or what went wrong. */
function send(request: Prepared): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.request(request.options, (res) => {
      const status = res.statusCode ?? 0;
      const { expect, expectHeader, method, path } = request.spec;
      const ok =
        expect.includes(status) && (expectHeader === undefined || res.headers[expectHeader] !== undefined);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (!ok) chunks.push(chunk);
      });
      res.on('end', () => {
        if (ok) return resolve(null);
        const body = Buffer.concat(chunks).toString('utf8').slice(0, 300);
        resolve(
          `${method} ${path} -> ${status}${expect.includes(status) ? ` without ${expectHeader}` : ''} ${body}`,
        );
      });
      res.on('error', (error) => resolve(`${method} ${path}: ${error.message}`));
    });
    req.on('error', (error) => resolve(`${request.spec.method} ${request.spec.path}: ${error.message}`));
    req.end(request.body);
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const requests = prepare(job, agent);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = job.offset;
  const measureFrom = performance.now() + job.warmupMs;
  const end = measureFrom + job.durationMs;

  const connection = async () => {
    while (performance.now() < end) {
      const request = requests[next % requests.length] as Prepared;
      next += 1;
      const started = performance.now();
      const failure = await send(request);
      const finished = performance.now();
      if (failure !== null) {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(failure);
      }
      if (finished >= measureFrom && finished <= end) latencies.push(finished - started);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, connection));
  agent.destroy();
  return {
    type: 'result',
    completed: latencies.length,
    sent: next - job.offset,
    latenciesMs: Float64Array.from(latencies),
    measuredMs: job.durationMs,
    errors,
    errorSamples,
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'exit') {
    // Not inside the IPC channel's delivery of this message.
    setImmediate(() => process.exit(0));
    return;
  }
  run(message)
    .then((result) => process.send?.(result))
    .catch((error: unknown) => {
      console.error('load generator failed:', error);
      process.exit(1);
    });
});
