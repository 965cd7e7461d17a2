import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { theme } from '../shell/theme.js';
import { ticks } from './axis-ticks.js';
import { FontSizeWatch, fontSizeOf } from './canvas-sizer.js';
import { formatAxisTick, formatLogTick } from './format-number.js';
import { plotPanelStyles } from './plot-panel-styles.js';
import { ResizeController } from './resize-controller.js';
import { seriesLegendStyles } from './series-legend.js';

/** Chart options without a size: the element sizes the chart to its box. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * A line chart's options: dark axes titled `labels` (x, then y) at a font size in CSS pixels,
 * and a cursor that reads values without zooming on drag. An axis whose scale is logarithmic
 * (`distr: 3`) gets decade ticks.
 */
export function lineChartOptions(
  fontSize: number,
  labels: [string, string],
  scales: uPlot.Scales,
  series: uPlot.Series[],
  extra: Partial<ChartOptions> = {},
): ChartOptions {
  return {
    cursor: { drag: { x: false, y: false } },
    scales,
    axes: labels.map((label, i) =>
      darkAxis(fontSize, i === 0 ? 'x' : 'y', scales[i === 0 ? 'x' : 'y']?.distr === 3, { label }),
    ),
    series,
    ...extra,
  };
}

const FONT_FAMILY = "system-ui, 'DejaVu Sans', sans-serif";

let measuring: CanvasRenderingContext2D | null = null;

/** The width of `text` in CSS pixels at a font size in CSS pixels. */
export function textWidth(text: string, fontSize: number): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * fontSize * 0.6;
  measuring.font = `${fontSize}px ${FONT_FAMILY}`;
  return measuring.measureText(text).width;
}

/**
 * Dark-theme settings for a uPlot axis at a font size in CSS pixels. Every size comes from the
 * font size and the measured labels, so the axis fits its labels at any font size (presentation
 * mode enlarges it): tick labels by `formatAxisTick` (5×10⁵, never "500,000"), the y axis as wide
 * as its widest label, the x ticks at least a label's width apart.
 */
function darkAxis(
  fontSize: number,
  which: 'x' | 'y',
  log: boolean,
  extra: Partial<uPlot.Axis>,
): uPlot.Axis {
  const tick = fontSize * 0.4;
  const gap = fontSize * 0.3;
  const label = (v: number, step: number) => (log ? formatLogTick(v) : formatAxisTick(v, step));
  return {
    stroke: '#c8d4e0',
    font: `${fontSize}px ${FONT_FAMILY}`,
    labelFont: `${fontSize}px ${FONT_FAMILY}`,
    grid: { stroke: 'rgba(150, 170, 190, 0.18)', width: 1 },
    ticks: { stroke: 'rgba(150, 170, 190, 0.4)', width: 1, size: tick },
    gap,
    labelSize: fontSize * 1.6,
    values: (_u, splits, _axis, _space, step) =>
      splits.map((v) => (v === null ? '' : label(v, step))),
    // Our own decade ticks (1, 2, 5 × 10ⁿ over a short range), labelled where the labels fit:
    // powers of ten first, then the 2s and 5s that keep a label's width from their neighbours.
    ...(log
      ? {
          splits: (_u, _axis, min, max) => ticks({ min, max, log: true }, 6),
          filter: (u, splits, axisIdx) => {
            const scale = u.axes[axisIdx].scale ?? (which === 'x' ? 'x' : 'y');
            const room = (v: number) =>
              which === 'x' ? textWidth(label(v, 0), fontSize) + fontSize * 0.8 : fontSize * 1.6;
            const decade = (v: number) =>
              Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
            const kept: number[] = [];
            for (const v of [...splits.filter(decade), ...splits.filter((v) => !decade(v))]) {
              const at = u.valToPos(v, scale);
              if (kept.every((k) => Math.abs(u.valToPos(k, scale) - at) >= (room(k) + room(v)) / 2))
                kept.push(v);
            }
            return splits.map((v) => (kept.includes(v) ? v : null));
          },
        }
      : {}),
    // The widest of the extreme labels, and room to spare, between tick centres.
    space:
      which === 'x'
        ? (_u, _axis, min, max) =>
            Math.max(
              textWidth(label(min, (max - min) / 4), fontSize),
              textWidth(label(max, (max - min) / 4), fontSize),
            ) +
            fontSize * 0.8
        : fontSize * 2.2,
    size:
      which === 'x'
        ? tick + gap + fontSize * 1.4
        : (_u, values) =>
            tick +
            gap +
            fontSize * 0.4 +
            Math.max(fontSize * 2, ...(values ?? []).map((v) => textWidth(String(v), fontSize))),
    ...extra,
  };
}

/**
 * A uPlot chart that fills its box: rebuilt when `options` changes, fed new
 * `data` in place, resized with the element. uPlot's own legend is off (it
 * would take the chart's height); the owner draws its legend beside it. `annotate` draws on top after
 * every redraw (a playhead, a reference line). The chart's canvas (axes
 * included) is `canvas`, for PNG export.
 */
export class UplotChart extends LitElement {
  @property({ attribute: false }) options: ChartOptions | undefined;
  @property({ attribute: false }) data: uPlot.AlignedData | undefined;
  @property({ attribute: false }) annotate: ((u: uPlot) => void) | undefined;
  private chart: uPlot | null = null;
  private readonly resizer = new ResizeController(this, () => this.resize());

  get canvas(): HTMLCanvasElement | null {
    return this.chart?.ctx.canvas ?? null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  override render() {
    return html`<div class="chart"></div>`;
  }

  override updated(changed: Map<string, unknown>): void {
    const target = this.renderRoot.querySelector<HTMLDivElement>('.chart');
    if (!target || !this.options || !this.data) return;
    if (changed.has('options') || !this.chart) {
      this.chart?.destroy();
      const { width, height } = this.size();
      const hooks = { ...this.options.hooks, draw: [(u: uPlot) => this.annotate?.(u)] };
      const legend = { show: false };
      this.chart = new uPlot({ ...this.options, legend, hooks, width, height }, this.data, target);
    } else if (changed.has('data')) {
      this.chart.setData(this.data);
    } else if (changed.has('annotate')) {
      this.chart.redraw(false, false);
    }
  }

  // uPlot's legend is off, so the plot takes the whole box but for a small margin.
  private size(): { width: number; height: number } {
    const box = this.getBoundingClientRect();
    return { width: Math.max(100, box.width), height: Math.max(80, box.height - 4) };
  }

  private resize(): void {
    if (this.chart) this.chart.setSize(this.size());
  }

  static override styles = [
    theme,
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        overflow: hidden;
      }
      .chart {
        position: absolute;
        inset: 0;
      }
      .u-select {
        background: rgba(90, 176, 240, 0.15);
      }
    `,
  ];
}

/**
 * A dashed guide line across the plot area at `value`: upright on the x scale, level on the y
 * scale; `dash` is in CSS pixels. For `annotate`, which draws in device pixels.
 */
export function drawGuideLine(
  u: uPlot,
  scale: 'x' | 'y',
  value: number,
  stroke: string,
  dash: [number, number],
): void {
  const dpr = devicePixelRatio;
  const at = u.valToPos(value, scale, true);
  const { left, top, width, height } = u.bbox;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = stroke;
  ctx.lineWidth = 1.5 * dpr;
  ctx.setLineDash(dash.map((d) => d * dpr));
  ctx.beginPath();
  if (scale === 'x') {
    ctx.moveTo(at, top);
    ctx.lineTo(at, top + height);
  } else {
    ctx.moveTo(left, at);
    ctx.lineTo(left + width, at);
  }
  ctx.stroke();
  ctx.restore();
}

customElements.define('ss-uplot', UplotChart);

/**
 * A view that is one line chart (`ss-uplot`) with its legend and notes below it, laid out as a
 * plot panel. The subclass sets `options` and `data` in `build()` from its properties; the base
 * calls it before an update in which one of `inputs` changed, or the font size did (presentation
 * mode enlarges the views, and the options hold the font size). `canvas` is the chart's, for PNG
 * export.
 */
export abstract class LineChartView extends LitElement {
  protected options: ChartOptions | undefined;
  protected data: uPlot.AlignedData | undefined;
  /** Sentences under the chart (why a line is missing), rendered by `renderNotes`. */
  protected notes: string[] = [];
  private readonly font = new FontSizeWatch(this);

  /** The properties the chart is built from. */
  protected abstract readonly inputs: readonly string[];

  /** Sets `options` and `data` (and whatever the legend needs) from the properties. */
  protected abstract build(): void;

  get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector<UplotChart>('ss-uplot')?.canvas ?? null;
  }

  override willUpdate(changed: PropertyValues): void {
    const fontChanged = this.font.changed();
    if (fontChanged || this.inputs.some((name) => changed.has(name))) this.build();
  }

  /** `lineChartOptions` at the view's font size. */
  protected lineOptions(
    labels: [string, string],
    scales: uPlot.Scales,
    series: uPlot.Series[],
    extra: Partial<ChartOptions> = {},
  ): ChartOptions {
    return lineChartOptions(fontSizeOf(this), labels, scales, series, extra);
  }

  /** The chart, with `annotate` drawn over it after every redraw. */
  protected renderChart(annotate: (u: uPlot) => void) {
    return html`<ss-uplot
      .options=${this.options}
      .data=${this.data}
      .annotate=${annotate}
    ></ss-uplot>`;
  }

  protected renderNotes(testId: string) {
    return this.notes.map((n) => html`<p class="note" data-testid=${testId}>${n}</p>`);
  }

  static override styles = [
    theme,
    plotPanelStyles,
    seriesLegendStyles,
    css`
      .note {
        margin: 0.2em 0 0;
        font-size: 0.82em;
        color: var(--ss-muted);
      }
    `,
  ];
}
