import { ProfiledError } from '@profiled/sdk';

/**
 * What went wrong, said plainly, as an alert: the API's own message with the fields it points at
 * and its request id (to find it in the logs); for a 412, that someone else changed the resource
 * since it was read, with a way to load it again. Nothing is shown while `error` is undefined.
 */
export function ErrorMessage({
  error,
  what,
  onReload,
}: {
  error: unknown;
  /** What was being changed, for the 412 message ("assignment"). */
  what?: string;
  onReload?: () => void;
}) {
  if (error === undefined) return null;
  if (!(error instanceof ProfiledError))
    return (
      <p role="alert" className="error">
        {describeError(error)}
      </p>
    );
  return (
    <div role="alert" className={error.isConflict ? 'error conflict' : 'error'}>
      {error.isConflict ? (
        <p>
          Someone else changed this{what && ` ${what}`} since you opened it, so your change was not saved.
          {onReload && ' Reload to see the current version, then make your change again.'}
        </p>
      ) : (
        <p>{describeError(error)}</p>
      )}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((field) => (
            <li key={`${field.pointer} ${field.detail}`}>
              <code>{field.pointer || '(request)'}</code> {field.detail}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && <p className="request-id">Request id: {error.requestId}</p>}
      {error.isConflict && onReload && (
        <button type="button" onClick={onReload}>
          Reload
        </button>
      )}
    </div>
  );
}

/** One sentence for an error: the API's message, or why there was no answer. */
export function describeError(error: unknown): string {
  if (error instanceof ProfiledError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    if (error.status === 404)
      return error.detail
        ? `Not found: ${error.detail}. It may have been deleted, or it is in another tenant.`
        : 'Not found: it may have been deleted, or it is in another tenant.';
    return error.message;
  }
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `The server did not answer${detail}. Check the connection and try again.`;
}
