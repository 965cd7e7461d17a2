/** What a key means to a slide show: the next slide, the previous one, or leaving. */
export type SlideKey = 'next' | 'previous' | 'leave';

/**
 * Arrow keys and Page Up/Down step through slides (as presentation clickers send them), Escape
 * leaves; keys typed into a field, a slider or a menu stay theirs, and so do keys a view on the
 * slide already handled (it called preventDefault: arrows moving a kernel).
 */
export function slideKey(event: KeyboardEvent): SlideKey | null {
  if (event.defaultPrevented || keyInField(event)) return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/** Whether a key went to a field, a slider or a menu (then it is theirs). */
export function keyInField(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
  );
}
