import type uPlot from 'uplot';
import type { Envelope } from '../../labs/game/trace-envelope.js';

/** One trace for a uPlot chart: its envelope over the chart's shared columns, drawn in `color`. */
export interface TraceSpec {
  label: string;
  envelope: Envelope;
  color: string;
  dash?: number[];
  width?: number;
  /** Turns a column of values into what is drawn (cut at the frame); identity by default. */
  clip?: (values: (number | null)[]) => (number | null)[];
}

/** Columns, series and bands for a uPlot chart from traces that share the same columns. */
export interface TraceColumns {
  columns: (number | null)[][];
  series: uPlot.Series[];
  bands: uPlot.Band[];
}

/**
 * The uPlot columns for `traces` (series 1 onwards, after the shared step column): a trace whose
 * columns each hold one step is one line; a thinned one (more steps than pixel columns) is its
 * upper and lower envelope, thin, with a translucent fill between, so dense oscillation reads as
 * its shape instead of a solid block of line.
 */
export function traceColumns(traces: readonly TraceSpec[]): TraceColumns {
  const columns: (number | null)[][] = [];
  const series: uPlot.Series[] = [];
  const bands: uPlot.Band[] = [];
  for (const t of traces) {
    const clip = t.clip ?? ((v: (number | null)[]) => v);
    const line = { stroke: t.color, dash: t.dash, spanGaps: false };
    if (!t.envelope.thinned) {
      columns.push(clip(t.envelope.max));
      series.push({ ...line, label: t.label, width: t.width ?? 2 });
      continue;
    }
    const upper = columns.length + 1;
    columns.push(clip(t.envelope.max), clip(t.envelope.min));
    series.push(
      { ...line, label: `${t.label} (max)`, width: 1.25 },
      { ...line, label: `${t.label} (min)`, width: 1.25 },
    );
    bands.push({ series: [upper, upper + 1], fill: withAlpha(t.color, 0.22) });
  }
  return { columns, series, bands };
}

/** A #rrggbb colour at an opacity. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
