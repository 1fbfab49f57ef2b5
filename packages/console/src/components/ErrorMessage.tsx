import { ProfiledError } from '@profiled/sdk';

/**
 * What went wrong, said plainly: the API's own message with the fields it points at, and for a
 * 412 that someone else changed the resource since it was read, with a way to load it again.
 */
export function ErrorMessage({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (error === undefined) return null;
  if (error instanceof ProfiledError && error.isConflict) {
    return (
      <div role="alert" className="error conflict">
        <p>
          Someone else changed this since you opened it, so your change was not saved. Reload to see the
          current version, then make your change again.
        </p>
        {onReload && (
          <button type="button" onClick={onReload}>
            Reload
          </button>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="error">
      <p>{describeError(error)}</p>
      {error instanceof ProfiledError && error.errors.length > 0 && (
        <ul>
          {error.errors.map((field) => (
            <li key={`${field.pointer} ${field.detail}`}>
              <code>{field.pointer || '/'}</code> {field.detail}
            </li>
          ))}
        </ul>
      )}
      {error instanceof ProfiledError && error.requestId && (
        <p className="request-id">Request id: {error.requestId}</p>
      )}
    </div>
  );
}

/** One sentence for an error: the API's message, or why there was no answer. */
export function describeError(error: unknown): string {
  if (error instanceof ProfiledError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    if (error.status === 404) return 'Not found: it may have been deleted, or it is in another tenant.';
    return error.message;
  }
  return 'The server did not answer. Check the connection and try again.';
}
