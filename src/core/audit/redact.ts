const SECRET_KEY = /secret|password|token|hash|sealed|private/i;

/**
 * A deep copy with every value under a secret-looking key replaced by "[redacted]". The audit
 * trail records resources as the API shows them, which never carry secrets; this is the second
 * fence, so that a secret added to a model later cannot leak into the trail.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) && inner !== null && inner !== undefined ? '[redacted]' : redactSecrets(inner),
    ]),
  );
}
