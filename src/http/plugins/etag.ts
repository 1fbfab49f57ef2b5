import type { FastifyReply, FastifyRequest } from 'fastify';

/** A resource's ETag is its version, as a strong validator. */
export function setETag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

/**
 * The version an `If-Match` header asks for: undefined when absent or `*` (any version);
 * a value that is not one of our ETags can never match, so it is -1 (answers 412).
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  return match ? Number(match[1]) : -1;
}
