import { LitElement, css, html, unsafeCSS } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import { theme } from '../shell/theme.js';
import { ResizeController } from './resize-controller.js';

/** Chart options without a size: the element sizes the chart to its box. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * A line chart's options: dark axes titled `labels` (x, then y) at a font size in CSS pixels,
 * and a cursor that reads values without zooming on drag.
 */
export function lineChartOptions(
  fontSize: number,
  labels: [string, string],
  scales: uPlot.Scales,
  series: uPlot.Series[],
): ChartOptions {
  return {
    cursor: { drag: { x: false, y: false } },
    scales,
    axes: labels.map((label) => darkAxis(fontSize, { label })),
    series,
  };
}

/** Dark-theme axis settings for a uPlot axis, at a given font size in CSS pixels. */
function darkAxis(fontSize: number, extra: Partial<uPlot.Axis>): uPlot.Axis {
  return {
    stroke: '#c8d4e0',
    font: `${fontSize}px system-ui, 'DejaVu Sans', sans-serif`,
    labelFont: `${fontSize}px system-ui, 'DejaVu Sans', sans-serif`,
    grid: { stroke: 'rgba(150, 170, 190, 0.18)', width: 1 },
    ticks: { stroke: 'rgba(150, 170, 190, 0.4)', width: 1 },
    size: fontSize * 3.4,
    labelSize: fontSize * 1.6,
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
