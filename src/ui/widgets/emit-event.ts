/** Sends a view's `ss-…` event up through every shadow root to whoever owns the state. */
export function emitEvent(from: EventTarget, name: string, detail: unknown): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
