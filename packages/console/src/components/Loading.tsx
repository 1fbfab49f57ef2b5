/** Said while a page waits for the API (a status, so screen readers announce it). */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}
