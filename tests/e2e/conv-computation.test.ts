import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  SEED_EXAMPLES,
  conv2dConfig,
  conv2dReference,
  convTranspose2dConfig,
  convTranspose2dReference,
  type ConvArgs,
  type Tensor4,
} from '../../src/core/conv/index.js';
import { launchChromium, openPage } from '../helpers/chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-conv-lab').shadowRoot`;

interface DotSnapshot {
  input: number[][];
  kernel: number[][];
  bias: number;
  position: [number, number];
  window: { value: number; weight: number; product: number }[];
  sum: number;
  output: number;
  gpu: number | null;
}

interface ScatterGatherSnapshot {
  input: number[][];
  kernel: number[][];
  bias: number;
  scatterOutput: number[];
  gatherOutput: number[];
  gpuOutput: number[] | null;
  outputShape: [number, number];
}

/** The view's documented test hook, `element.computation`, as plain data. */
function snapshot<T>(page: Page, tag: string): Promise<T | null> {
  return page.evaluate(
    ([lab, tag]) => {
      const root = new Function(`return ${lab}`)() as ShadowRoot;
      const view = root.querySelector(tag) as unknown as { computation: unknown } | null;
      return view?.computation ? JSON.parse(JSON.stringify(view.computation)) : null;
    },
    [LAB, tag] as const,
  );
}

/** The numbers a grid shows, read from the page's text (true minus signs). */
async function shownGrid(page: Page, testid: string): Promise<number[]> {
  const texts = await page.locator(`[data-testid=${testid}] .cell`).allTextContents();
  return texts.map((t) => Number(t.trim().replace('−', '-')));
}

function tensor(rows: number[][]): Tensor4 {
  return { shape: [1, 1, rows.length, rows[0].length], data: Float64Array.from(rows.flat()) };
}

function oneChannel(args: ConvArgs): ConvArgs {
  return { ...args, inChannels: 1, outChannels: 1, groups: 1 };
}

async function openLab(hash: string) {
  const opened = await openPage(browser, `${inject('appUrl')}${hash}`);
  await expect.poll(() => opened.page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
  return opened;
}

describe('Conv Lab: the computation of one output cell', () => {
  it('shows window × kernel = products, and Σ + bias equals the conv of the shown numbers and the GPU', async () => {
    const { page, errors } = await openLab('#/conv');
    const example = SEED_EXAMPLES[2];
    const config = conv2dConfig(oneChannel(example.args));
    for (const position of [
      [0, 0],
      [1, 2],
      [3, 3],
    ] as const) {
      await page
        .locator(`[data-testid=dot-output] .cell`)
        .nth(position[0] * 4 + position[1])
        .click();
      await expect
        .poll(async () => (await snapshot<DotSnapshot>(page, 'ss-conv-dot-product-view'))?.gpu, {
          timeout: 60_000,
        })
        .not.toBeNull();
      const shown = (await snapshot<DotSnapshot>(page, 'ss-conv-dot-product-view')) as DotSnapshot;
      expect(shown.position).toEqual(position);
      // The kernel on the page is the kernel in the state.
      expect(await shownGrid(page, 'dot-kernel')).toEqual(shown.kernel.flat());
      // The conv of the shown numbers, computed here by the float64 reference.
      const reference = conv2dReference(
        config,
        tensor(shown.input),
        tensor(shown.kernel),
        Float64Array.of(shown.bias),
      );
      const expected = reference.data[position[0] * reference.shape[3] + position[1]];
      const value = Number(
        (await page.locator('[data-testid=dot-value]').textContent())?.replace('−', '-'),
      );
      expect(value).toBe(expected);
      expect(shown.sum + shown.bias).toBe(expected);
      expect(shown.window.reduce((s, t) => s + t.value * t.weight, 0)).toBe(shown.sum);
      expect(await shownGrid(page, 'dot-products')).toEqual(
        shown.window.map((t) => t.product || 0),
      );
      expect(shown.gpu).toBe(expected);
      await expect.poll(() => page.locator('[data-testid=dot-gpu]').textContent()).toContain('✓');
      // The whole output grid shown is the reference's.
      expect(await shownGrid(page, 'dot-output')).toEqual(Array.from(reference.data));
    }
    await page.locator('ss-conv-dot-product-view').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/conv-computation-example-3.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('steps with the arrow keys through a reflect-padded, dilated layer and still agrees', async () => {
    const { page, errors } = await openLab(
      '#/conv?kind=conv&in=1,1,7,7&cout=1&k=3,3&s=1,1&p=2,2&d=2,2&mode=reflect&pos=0,0',
    );
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      padding: 2,
      dilation: 2,
      paddingMode: 'reflect',
    });
    await page.locator('ss-conv-dot-product-view .output').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(async () => (await snapshot<DotSnapshot>(page, 'ss-conv-dot-product-view'))?.position)
      .toEqual([1, 1]);
    await expect
      .poll(async () => (await snapshot<DotSnapshot>(page, 'ss-conv-dot-product-view'))?.gpu, {
        timeout: 60_000,
      })
      .not.toBeNull();
    const shown = (await snapshot<DotSnapshot>(page, 'ss-conv-dot-product-view')) as DotSnapshot;
    const reference = conv2dReference(
      config,
      tensor(shown.input),
      tensor(shown.kernel),
      Float64Array.of(shown.bias),
    );
    const expected = reference.data[1 * reference.shape[3] + 1];
    expect(shown.sum + shown.bias).toBe(expected);
    expect(shown.gpu).toBe(expected);
    // Reflect padding shows the mirrored values, not zeros, around the input.
    const padded = await shownGrid(page, 'dot-input');
    expect(padded.length).toBe(11 * 11);
    expect(padded[0]).toBe(shown.input[2][2]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Conv Lab: a transposed conv scattered and gathered', () => {
  for (const hash of [
    '#/conv?kind=transposed&in=1,1,3,3&cout=1&k=2,2&s=2,2&p=1,1&d=1,1&opad=0,0',
    '#/conv?kind=transposed&in=1,1,3,4&cout=1&k=3,3&s=2,2&p=1,1&d=1,1&opad=1,1&bias=0',
  ]) {
    it(`gives equal outputs both ways, equal to the reference and the GPU (${hash.slice(7, 40)}…)`, async () => {
      const { page, errors } = await openLab(hash);
      const q = new URLSearchParams(hash.split('?')[1]);
      const pair = (k: string) => q.get(k)?.split(',').map(Number) as [number, number];
      const config = convTranspose2dConfig({
        inChannels: 1,
        outChannels: 1,
        kernelSize: pair('k'),
        stride: pair('s'),
        padding: pair('p'),
        outputPadding: pair('opad'),
      });
      await expect
        .poll(
          async () =>
            (await snapshot<ScatterGatherSnapshot>(page, 'ss-conv-scatter-gather-view'))?.gpuOutput,
          { timeout: 60_000 },
        )
        .not.toBeNull();
      const shown = (await snapshot<ScatterGatherSnapshot>(
        page,
        'ss-conv-scatter-gather-view',
      )) as ScatterGatherSnapshot;
      expect(await shownGrid(page, 'scatter-input')).toEqual(shown.input.flat());
      const reference = convTranspose2dReference(
        config,
        tensor(shown.input),
        tensor(shown.kernel),
        Float64Array.of(shown.bias),
      );
      expect(shown.outputShape).toEqual(reference.shape.slice(2));
      const expected = Array.from(reference.data);
      expect(shown.scatterOutput).toEqual(expected);
      expect(shown.gatherOutput).toEqual(expected);
      expect(shown.gpuOutput).toEqual(expected);
      expect(await shownGrid(page, 'compare-scatter')).toEqual(expected);
      expect(await shownGrid(page, 'compare-gather')).toEqual(expected);
      expect(await shownGrid(page, 'compare-gpu')).toEqual(expected);
      await expect
        .poll(() => page.locator('[data-testid=scatter-gather-verdict]').textContent())
        .toMatch(/✓ scatter and gather agree.*✓ and so does the GPU/s);
      // Scattering the last input cell completes the output the compare row shows.
      const slider = page.getByRole('slider', { name: 'Scattered input cell' });
      const last = Number(await slider.getAttribute('max'));
      await slider.fill(String(last));
      await expect.poll(() => shownGrid(page, 'scatter-output')).toEqual(expected);
      await page.locator('ss-conv-scatter-gather-view').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-output/conv-scatter-gather-${shown.input.length}x${shown.input[0].length}.png`,
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('Conv Lab: one pixel of a GPU image run, computed in the open', () => {
  it('sums the shown window × kernel to the GPU value of that pixel (Sobel on the photograph)', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=photo&imode=layer&kern=sobel-x&istride=1&ipad=1',
    );
    const read = () =>
      page.evaluate((lab) => {
        const root = new Function(`return ${lab}`)() as ShadowRoot;
        const view = root.querySelector('ss-conv-image-view');
        const dot = view?.shadowRoot?.querySelector('ss-conv-image-dot-product') as unknown as {
          computation: {
            window: {
              position: [number, number];
              terms: { row: number; col: number; value: number; weight: number }[];
              sum: number;
            };
            gpu: number;
          } | null;
        } | null;
        const run = (
          view as unknown as { lastRun: { tensors: { tensor: { data: Float32Array } }[] } }
        ).lastRun;
        if (!dot?.computation || !run) return null;
        return {
          ...JSON.parse(JSON.stringify(dot.computation)),
          input: Array.from(run.tensors[0].tensor.data),
          output: Array.from(run.tensors[1].tensor.data),
        } as {
          window: {
            position: [number, number];
            terms: { row: number; col: number; value: number; weight: number }[];
            sum: number;
          };
          gpu: number;
          input: number[];
          output: number[];
        };
      }, LAB);
    await expect
      .poll(async () => (await read())?.window.position, { timeout: 60_000 })
      .toEqual([128, 192]);
    // Move elsewhere in the picture: 100 rows down, 200 columns across, with the scrubber.
    const slider = page.getByRole('slider', { name: 'Computed output pixel' });
    await slider.fill(String(100 * 384 + 200));
    await expect.poll(async () => (await read())?.window.position).toEqual([100, 200]);
    const shown = await read();
    if (!shown) throw new Error('no computation');
    // The window's values are the run's input; the weights Sobel x; Σ computed here from them.
    expect(shown.window.terms.map((t) => t.weight)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    for (const t of shown.window.terms) expect(t.value).toBe(shown.input[t.row * 384 + t.col]);
    const sum = shown.window.terms.reduce((s, t) => s + t.value * t.weight, 0);
    expect(shown.window.sum).toBeCloseTo(sum, 12);
    expect(shown.gpu).toBe(shown.output[100 * 384 + 200]);
    expect(shown.gpu).toBeCloseTo(sum, 5);
    await expect
      .poll(() => page.locator('[data-testid=image-dot-product] .equation').textContent())
      .toContain('✓');
    // The window shown on the page is the window in the state.
    const texts = await page.locator('[data-testid=image-window] .cell').allTextContents();
    texts.forEach((t, i) =>
      expect(Number(t.trim().replace('−', '-'))).toBeCloseTo(shown.window.terms[i].value, 3),
    );
    await page.locator('ss-conv-image-dot-product').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/conv-image-dot-product.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
