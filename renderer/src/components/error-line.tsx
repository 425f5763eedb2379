/** An engine error as the user sees it: its one line, announced to screen readers. */
export function ErrorLine({ error }: { error: string | null }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}
