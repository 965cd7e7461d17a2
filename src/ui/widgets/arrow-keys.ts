/**
 * The unit step an arrow key asks for, x to the right and y up, or null for any
 * other key. An arrow key is taken: the page neither scrolls nor sees it.
 */
export function arrowKeyStep(event: KeyboardEvent): [number, number] | null {
  const steps: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, 1],
    ArrowDown: [0, -1],
  };
  const step = steps[event.key];
  if (!step) return null;
  event.preventDefault();
  event.stopPropagation();
  return step;
}
