import { ProfiledError } from '@profiled/sdk';

/**
 * An API failure said plainly, as an alert: the server's own detail and field errors, its request
 * id (to find it in the logs), and for a 412 that someone else changed the resource, with a way
 * to reload it.
 */
export function ApiErrorAlert({
  error,
  what = 'resource',
  onReload,
}: {
  error: unknown;
  /** What was being changed, for the 412 message ("assignment"). */
  what?: string;
  onReload?: () => void;
}) {
  if (!(error instanceof ProfiledError))
    return (
      <p role="alert" className="error">
        The server did not answer{error instanceof Error && error.message ? ` (${error.message})` : ''}.
      </p>
    );
  return (
    <div role="alert" className="error api-error">
      {error.isConflict ? (
        <p>
          Someone else changed this {what} since you opened it, so your change was not saved.
          {onReload && ' Reload it to see the current version, then make your change again.'}
        </p>
      ) : (
        <p>{error.status === 403 ? `Not allowed: ${error.message}` : error.message}</p>
      )}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((field) => (
            <li key={field.pointer + field.detail}>
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
