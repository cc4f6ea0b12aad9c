/**
 * "Something was saved": screens that show derived data (the board, the alerts) refresh at once
 * instead of waiting for their next poll. lib/api.ts fires it after every successful write.
 */
const listeners = new Set<() => void>();

export function onDataChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyDataChanged(): void {
  for (const listener of listeners) listener();
}
