import {
  GAN_FATES,
  GAN_METRIC_NAMES,
  type GanMetricName,
  type GanSweepResult,
} from '../core/gan/index.js';

/** A piece is handed on once it holds about this many characters. */
const CHUNK_CHARS = 1 << 20;

/** The metrics a GAN sweep file holds, in GAN_METRIC_NAMES order. */
function savedMetrics(names: readonly GanMetricName[] | undefined): readonly GanMetricName[] {
  return names === undefined ? GAN_METRIC_NAMES : GAN_METRIC_NAMES.filter((n) => names.includes(n));
}

function checkedNumber(values: ArrayLike<number>, i: number, name: string): string {
  const v = values[i];
  if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] is ${v}: metrics are always finite`);
  return String(v);
}

function checkShape(result: GanSweepResult, names: readonly GanMetricName[]): void {
  const cells = result.xValues.length * result.yValues.length;
  for (const name of names)
    if (result.metrics[name].length !== cells)
      throw new RangeError(
        `metric ${name} has ${result.metrics[name].length} values for ${cells} cells`,
      );
}

const encoder = new TextEncoder();

function* numberList(values: ArrayLike<number>, name: string): Generator<string> {
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    text += (i ? ',' : '') + checkedNumber(values, i, name);
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  yield text + ']';
}

/**
 * A GAN sweep's sweep.json as UTF-8 pieces: `{ spec, adapter, xValues, yValues, fates, ganSteps,
 * metrics: { name: [row-major values] } }`, the metrics those named (all by default); `fates`
 * names the fate indices.
 */
export function* ganSweepJsonChunks(
  result: GanSweepResult,
  adapter: string,
  metricNames?: readonly GanMetricName[],
): Generator<Uint8Array> {
  const names = savedMetrics(metricNames);
  checkShape(result, names);
  const pieces = function* (): Generator<string> {
    yield `{"spec":${JSON.stringify(result.spec)},"adapter":${JSON.stringify(adapter)},"xValues":`;
    yield* numberList(result.xValues, 'xValues');
    yield ',"yValues":';
    yield* numberList(result.yValues, 'yValues');
    yield `,"fates":${JSON.stringify(GAN_FATES)},"ganSteps":${result.ganSteps},"metrics":{`;
    for (const [i, name] of names.entries()) {
      yield `${i ? ',' : ''}"${name}":`;
      yield* numberList(result.metrics[name], name);
    }
    yield '}}\n';
  };
  for (const piece of pieces()) yield encoder.encode(piece);
}

/**
 * A GAN sweep's sweep.csv as UTF-8 pieces: a header, then one line per cell in row-major order:
 * ix, iy, the two swept values under their parameter paths, the metrics, and the fate's name
 * when the fate is among them.
 */
export function* ganSweepCsvChunks(
  result: GanSweepResult,
  metricNames?: readonly GanMetricName[],
): Generator<Uint8Array> {
  const names = savedMetrics(metricNames);
  checkShape(result, names);
  const { spec, xValues, yValues, metrics } = result;
  const withFate = names.includes('fate');
  const header = ['ix', 'iy', spec.axes.x.param, spec.axes.y.param, ...names];
  let text = [...header, ...(withFate ? ['fateName'] : [])].join(',') + '\n';
  const nx = xValues.length;
  for (let iy = 0; iy < yValues.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const cell = iy * nx + ix;
      const row = [
        String(ix),
        String(iy),
        checkedNumber(xValues, ix, 'xValues'),
        checkedNumber(yValues, iy, 'yValues'),
        ...names.map((name) => checkedNumber(metrics[name], cell, name)),
      ];
      if (withFate) row.push(GAN_FATES[metrics.fate[cell]] ?? 'unknown');
      text += row.join(',') + '\n';
    }
    if (text.length >= CHUNK_CHARS) {
      yield encoder.encode(text);
      text = '';
    }
  }
  yield encoder.encode(text);
}
