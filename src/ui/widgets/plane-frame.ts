import { ticks } from './axis-ticks.js';
import { formatAxisTick } from './format-number.js';

/** A square data window [cx − half, cx + half] × [cy − half, cy + half] drawn into a square of pixels. */
export interface PlaneFrame {
  left: number;
  top: number;
  size: number;
  cx: number;
  cy: number;
  half: number;
}

/** The largest square that fits the box after room for tick labels; x to the right, y up. */
export function fitPlane(
  width: number,
  height: number,
  fontSize: number,
  centre: [number, number],
  half: number,
): PlaneFrame {
  const left = fontSize * 4;
  const bottom = fontSize * 3.2;
  const pad = fontSize * 0.6;
  const size = Math.max(20, Math.min(width - left - pad, height - bottom - pad));
  return {
    left: left + (width - left - pad - size) / 2,
    top: pad,
    size,
    cx: centre[0],
    cy: centre[1],
    half,
  };
}

export function planeToPx(f: PlaneFrame, x: number, y: number): [number, number] {
  return [
    f.left + ((x - f.cx + f.half) / (2 * f.half)) * f.size,
    f.top + f.size - ((y - f.cy + f.half) / (2 * f.half)) * f.size,
  ];
}

/** Draws with everything outside the plane's square cut off. */
export function withinPlane(ctx: CanvasRenderingContext2D, f: PlaneFrame, draw: () => void): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.size, f.size);
  ctx.clip();
  draw();
  ctx.restore();
}

/** Faint lines along x = 0 and y = 0 across the square. */
export function drawOriginCross(ctx: CanvasRenderingContext2D, f: PlaneFrame): void {
  const [ox, oy] = planeToPx(f, 0, 0);
  ctx.strokeStyle = 'rgba(200,212,224,0.25)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(f.left, oy);
  ctx.lineTo(f.left + f.size, oy);
  ctx.moveTo(ox, f.top);
  ctx.lineTo(ox, f.top + f.size);
  ctx.stroke();
}

/** Ticks, tick labels, a frame and the axis titles. */
export function drawPlaneAxes(
  ctx: CanvasRenderingContext2D,
  f: PlaneFrame,
  fontSize: number,
  titles: [string, string],
): void {
  ctx.save();
  ctx.strokeStyle = 'rgba(200, 212, 224, 0.6)';
  ctx.lineWidth = 1;
  ctx.strokeRect(f.left, f.top, f.size, f.size);
  ctx.fillStyle = '#c8d4e0';
  ctx.font = `${fontSize * 0.85}px system-ui, sans-serif`;
  const gap = fontSize * 1.2;
  const xTicks = fittingTicks(
    { min: f.cx - f.half, max: f.cx + f.half },
    f.size,
    (labels) => Math.max(...labels.map((l) => ctx.measureText(l).width)) + gap,
  );
  for (const { value, label } of xTicks) {
    const [px] = planeToPx(f, value, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(label, px, f.top + f.size + fontSize * 0.3);
  }
  const yTicks = fittingTicks(
    { min: f.cy - f.half, max: f.cy + f.half },
    f.size,
    () => fontSize * 2,
  );
  for (const { value, label } of yTicks) {
    const [, py] = planeToPx(f, 0, value);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, f.left - fontSize * 0.3, py);
  }
  ctx.font = `${fontSize}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(titles[0], f.left + f.size / 2, f.top + f.size + fontSize * 2.9);
  ctx.save();
  ctx.translate(fontSize * 0.9, f.top + f.size / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(titles[1], 0, 0);
  ctx.restore();
  ctx.restore();
}

/** A polyline of interleaved x, y points up to point `last`, thinned to about 4000 segments. */
export function tracePath(
  ctx: CanvasRenderingContext2D,
  f: PlaneFrame,
  points: ArrayLike<number>,
  last: number,
): void {
  const stride = Math.max(1, Math.floor(last / 4000));
  ctx.beginPath();
  for (let k = 0; k <= last; k += stride) {
    const [px, py] = planeToPx(f, points[2 * k], points[2 * k + 1]);
    if (k === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  if (last % stride !== 0) ctx.lineTo(...planeToPx(f, points[2 * last], points[2 * last + 1]));
  ctx.stroke();
}

export function dot(
  ctx: CanvasRenderingContext2D,
  [x, y]: [number, number],
  radius: number,
  fill: string,
): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#000';
  ctx.stroke();
}

/**
 * Ticks and their labels along `length` pixels of an axis: as many as fit when each takes the
 * room `room(labels)` says (the widest label and a gap, measured at the canvas's font), at most 6.
 */
export function fittingTicks(
  scale: { min: number; max: number },
  length: number,
  room: (labels: string[]) => number,
): { value: number; label: string }[] {
  let fewest: { value: number; label: string }[] = [];
  for (let approx = 6; approx >= 2; approx--) {
    const values = ticks(scale, approx);
    const step = values.length > 1 ? values[1] - values[0] : Math.abs(scale.max - scale.min);
    const labelled = values.map((value) => ({ value, label: formatAxisTick(value, step) }));
    if (values.length < 2) {
      if (fewest.length === 0) fewest = labelled;
      continue;
    }
    const spacing = (length * step) / Math.abs(scale.max - scale.min);
    if (spacing >= room(labelled.map((t) => t.label))) return labelled;
    fewest = labelled;
  }
  // Nothing fits: the two outermost ticks, as far apart as the axis allows.
  return fewest.length > 2 ? [fewest[0], fewest[fewest.length - 1]] : fewest;
}
