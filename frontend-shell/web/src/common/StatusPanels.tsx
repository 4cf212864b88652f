export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorPanel({ title, error }: { title: string; error: Error }) {
  return (
    <div className="error-panel" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
    </div>
  );
}
