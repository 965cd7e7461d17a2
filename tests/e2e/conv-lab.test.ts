import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DCGAN_DISCRIMINATOR,
  DCGAN_GENERATOR,
  SEED_EXAMPLES,
  conv2dConfig,
  convOutputShape,
  convReadCells,
  parseStack,
  traceStack,
} from '../../src/core/conv/index.js';
import { encodePng } from '../../src/cli/png-encode.js';
import { launchChromium, openPage } from '../helpers/chromium.js';
import { DCGAN_TUTORIAL_GENERATOR } from '../helpers/dcgan-tutorial.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
  // The README's screenshots: copied to docs/screenshots by `npm run screenshots`, never by tests.
  mkdirSync('test-output/screenshots', { recursive: true });
});
afterAll(() => browser?.close());

/** The lab's documented test hook: `ss-conv-lab`'s `labState`, as plain data. */
function labState(page: Page): Promise<{
  state: { tab: string; position: [number, number]; layer: Record<string, unknown> };
  layer: { ok: boolean; outputShape?: number[]; error?: { pytorchMessage: string } };
  stack: {
    kind: string;
    trace?: {
      rows: { outputShape: number[]; params: number }[];
      error: { index: number; error: { pytorchMessage: string } } | null;
    };
    error?: { line: number; column: number };
  };
}> {
  return page.evaluate(() => {
    const lab = document
      .querySelector('ss-app')
      ?.shadowRoot?.querySelector('ss-conv-lab') as unknown as {
      labState: unknown;
    };
    return JSON.parse(JSON.stringify(lab.labState));
  });
}

async function openLab(hash: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${inject('appUrl')}${hash}`);
  await expect.poll(() => opened.page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
  return opened;
}

describe('Conv Lab: shapes and coverage', () => {
  it('shows every seed example with its picture, its PyTorch call and the output size the core computes', async () => {
    const { page, errors } = await openLab('#/conv');
    for (const example of SEED_EXAMPLES) {
      await page.locator(`[data-example="${example.id}"]`).click();
      const card = page.locator('[data-testid=seed-card]');
      await expect.poll(() => card.locator('h3').textContent()).toContain(`Example ${example.id}:`);
      await expect.poll(() => card.textContent()).toContain(example.pytorch);
      const side = example.expectedOutput;
      expect(await page.locator('[data-testid=seed-output]').textContent()).toBe(
        `${side} × ${side}`,
      );
      const state = await labState(page);
      expect(state.layer.outputShape).toEqual([1, 1, side, side]);
      const picture = example.transposed
        ? 'ss-conv-transposed-stages-view canvas'
        : 'ss-conv-grid-canvas canvas';
      const box = await page.locator(picture).boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      await page.screenshot({
        path: `test-output/conv-lab-example-${example.id}.png`,
        fullPage: true,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says Example 3's code line has padding=2, which would give 5", async () => {
    const { page } = await openLab('#/conv');
    await page.locator('[data-example="3"]').click();
    await expect
      .poll(() => page.locator('[data-testid=seed-card]').textContent())
      .toMatch(/padding=2, which gives 5×5/);
    const withTwo = convOutputShape(
      conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 2, stride: 2, padding: 2 }),
      [1, 1, 6, 6],
    );
    expect(withTwo).toEqual([1, 1, 5, 5]);
    await page.close();
  });

  it('moves the kernel with arrow keys and names the input cells the output cell reads', async () => {
    const { page } = await openLab('#/conv?tab=layer&kind=conv&in=1,1,6,6&k=2&s=2&p=1&d=1&pos=0,0');
    const canvas = page.locator('ss-conv-grid-canvas canvas');
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await labState(page)).state.position).toEqual([1, 1]);
    expect(page.url()).toMatch(/pos=1%2C1|pos=1,1/);
    const reads = convReadCells(
      conv2dConfig({ inChannels: 1, outChannels: 1, kernelSize: 2, stride: 2, padding: 1 }),
      6,
      6,
      1,
      1,
    );
    const rows = [...new Set(reads.map((r) => r.row))];
    const cols = [...new Set(reads.map((r) => r.col))];
    const readout = await page.locator('ss-conv-grid-canvas [data-testid=readout]').textContent();
    expect(readout).toBe(
      `Output (1, 1) reads input rows ${rows[0]}–${rows[1]}, columns ${cols[0]}–${cols[1]}`,
    );
    await page.close();
  });

  it('marks never-read input: the edge in Example 4 and rows a dilated strided kernel steps over', async () => {
    const { page } = await openLab('#/conv');
    await page.locator('[data-example="4"]').click();
    const note = page.locator('ss-conv-count-grid-canvas .readout');
    await expect
      .poll(() => note.textContent())
      .toBe('Never read: input rows 4 past the last window; columns 4 past the last window.');
    await page.goto(`${inject('appUrl')}#/conv?tab=layer&kind=conv&in=1,1,9,9&k=2&s=2&p=0&d=3`);
    await page.reload();
    await expect.poll(() => note.textContent()).toMatch(/rows 1, 6 stepped over/);
    await page.screenshot({ path: 'test-output/conv-lab-interior-gaps.png', fullPage: true });
    await page.close();
  });

  it("shows PyTorch's message, why, and what to try for a layer PyTorch rejects", async () => {
    const { page } = await openLab(
      '#/conv?tab=layer&kind=conv&in=1,4,8,8&cout=6&k=3&s=1&p=1&d=1&g=4',
    );
    const error = page.locator('[data-testid=shape-error]');
    await expect
      .poll(() => error.textContent())
      .toContain('ValueError: out_channels must be divisible by groups');
    expect(await error.textContent()).toMatch(/Why:.*Try:/s);
    await page.screenshot({ path: 'test-output/conv-lab-shape-error.png' });
    await page.close();
  });

  it('keeps a transposed layer with output_size in the URL and draws its stages and overlap', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=layer&kind=transposed&in=1,1,4,4&k=3&s=2&p=1&d=1&opad=0&osize=8',
    );
    await expect.poll(async () => (await labState(page)).layer.outputShape).toEqual([1, 1, 8, 8]);
    await expect
      .poll(() => page.locator('ss-conv-count-grid-canvas .readout').textContent())
      .toMatch(/Uneven overlap/);
    await page.screenshot({
      path: 'test-output/conv-lab-transposed-checkerboard.png',
      fullPage: true,
    });
    // k = 3, s = 2 overlaps 1, 2 and 4 times: the legend names every count, not just 1 and 4.
    const legend = page.locator('ss-conv-count-grid-canvas .swatch');
    await expect
      .poll(async () => (await legend.allTextContents()).filter((t) => /^\d+$/.test(t.trim())))
      .toEqual(['1', '2', '4']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('redraws the transposed stages from scratch: Example 5 then 6 looks like 6 alone', async () => {
    const pixels = (page: Page) =>
      page.locator('ss-conv-transposed-stages-view canvas').evaluate((c) => {
        return (c as HTMLCanvasElement).toDataURL();
      });
    const { page: fresh } = await openLab('#/conv');
    await fresh.locator('[data-example="6"]').click();
    await expect.poll(() => fresh.locator('[data-testid=seed-output]').textContent()).toBe('6 × 6');
    // Settled: two reads in a row agree.
    let alone = '';
    await expect
      .poll(async () => {
        const before = alone;
        alone = await pixels(fresh);
        return alone === before;
      })
      .toBe(true);
    await fresh.close();
    const { page } = await openLab('#/conv');
    await page.locator('[data-example="5"]').click();
    await expect.poll(() => page.locator('[data-testid=seed-output]').textContent()).toBe('6 × 6');
    await page.locator('[data-example="6"]').click();
    await expect
      .poll(() => page.locator('[data-testid=seed-card] h3').textContent())
      .toContain('Example 6:');
    await expect.poll(() => pixels(page)).toBe(alone);
    await page.screenshot({ path: 'test-output/conv-lab-example-5-then-6.png', fullPage: true });
    await page.close();
  });
});

describe('Conv Lab: layer-stack tracer', () => {
  it('traces the DCGAN generator and discriminator to the shapes the core computes', async () => {
    const { page, errors } = await openLab('#/conv?tab=stack');
    for (const preset of [DCGAN_GENERATOR, DCGAN_DISCRIMINATOR]) {
      await page.getByRole('button', { name: preset.name }).click();
      const expected = traceStack(parseStack(preset.code).layers, preset.input);
      const shapes = page.locator('[data-testid=trace-table] tbody td.shape');
      await expect
        .poll(() => shapes.allTextContents())
        .toEqual([
          `[${preset.input.join(', ')}]`,
          ...expected.rows.map((r) => `[${r.outputShape.join(', ')}]`),
        ]);
      await page.screenshot({
        path: `test-output/conv-lab-${preset.name.replace(/ /g, '-').toLowerCase()}.png`,
        fullPage: true,
      });
    }
    const state = await labState(page);
    expect(state.stack.trace?.rows.at(-1)?.outputShape).toEqual([1, 1, 1, 1]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stops at the first failing layer with PyTorch's message, and points at text outside the grammar", async () => {
    const { page } = await openLab('#/conv?tab=stack');
    const code = 'nn.Conv2d(3, 64, 4, 2, 1)\nnn.ReLU()\nnn.Conv2d(32, 64, 3)\nnn.ReLU()';
    await page.locator('ss-conv-layer-tracer textarea').fill(code);
    const expected = traceStack(parseStack(code).layers, DCGAN_GENERATOR.input);
    const failure = page.locator('[data-testid=trace-failure]');
    await expect
      .poll(() => page.locator('ss-conv-layer-tracer input[type=text]').inputValue())
      .toBe('1, 100, 1, 1');
    await page.locator('ss-conv-layer-tracer input[type=text]').fill('1, 3, 64, 64');
    const traced = traceStack(parseStack(code).layers, [1, 3, 64, 64]);
    expect(expected.error?.index).toBe(0);
    expect(traced.error?.index).toBe(2);
    await expect
      .poll(() => failure.textContent())
      .toContain(traced.error?.error.pytorchMessage ?? '?');
    expect(await page.locator('[data-testid=trace-table] tbody td.shape').count()).toBe(3);
    await page.screenshot({ path: 'test-output/conv-lab-trace-error.png', fullPage: true });

    const bad = 'nn.Conv2d(3, 64, 4)\nnn.Conv2d(1, 2, 3, stride=two)';
    await page.locator('ss-conv-layer-tracer textarea').fill(bad);
    let position = '';
    try {
      parseStack(bad);
    } catch (error) {
      const e = error as { line: number; column: number };
      position = `Line ${e.line}, column ${e.column}:`;
    }
    expect(position).toMatch(/^Line 2, column \d+:$/);
    await expect
      .poll(() => page.locator('[data-testid=parse-error]').textContent())
      .toContain(position);
    await page.close();
  });
});

describe('Conv Lab: pasted model code', () => {
  it("traces the DCGAN tutorial's generator pasted verbatim, ngf * 8 and all", async () => {
    const { page, errors } = await openLab('#/conv?tab=stack');
    await page.locator('ss-conv-layer-tracer textarea').fill(DCGAN_TUTORIAL_GENERATOR);
    await page.locator('ss-conv-layer-tracer input[type=text]').fill('1, 100, 1, 1');
    await expect
      .poll(async () => {
        const stack = (await labState(page)).stack;
        return stack.trace?.rows.at(-1)?.outputShape;
      })
      .toEqual([1, 3, 64, 64]);
    await expect.poll(() => page.locator('[data-testid=parse-error]').count()).toBe(0);
    await page.screenshot({ path: 'test-output/conv-lab-trace-tutorial.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('points at the entry of a typed kernel that is not a number', async () => {
    const { page } = await openLab(
      `#/conv?tab=images&img=dot&psize=16&imode=layer&kern=custom&kcustom=${encodeURIComponent('1 2 1\n0 x 0\n-1 -2 -1')}`,
    );
    await expect
      .poll(() => page.locator('[data-testid=kernel-problem]').textContent())
      .toContain("2:3: 'x' is not a number");
    expect(
      await page.locator('textarea[aria-label="Kernel numbers"]').getAttribute('aria-invalid'),
    ).toBe('true');
    await page.close();
  });
});

describe('Conv Lab: images on the GPU', () => {
  it('runs a Sobel conv on the sample photograph; the output has the right shape and matches the CPU reference', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=photo&imode=layer&kern=sobel-x&istride=1&ipad=1',
    );
    const view = () =>
      page.evaluate(() => {
        const lab = document.querySelector('ss-app')?.shadowRoot?.querySelector('ss-conv-lab');
        const v = lab?.shadowRoot?.querySelector('ss-conv-image-view') as unknown as {
          lastRun: {
            tensors: { tensor: { shape: number[]; data: Float32Array } }[];
            error: string | null;
          } | null;
        };
        const run = v?.lastRun;
        if (!run) return null;
        return {
          error: run.error,
          shapes: run.tensors.map((t) => t.tensor.shape),
          input: Array.from(run.tensors[0].tensor.data),
          output: run.tensors[1] ? Array.from(run.tensors[1].tensor.data) : [],
        };
      });
    await expect
      .poll(async () => (await view())?.shapes, { timeout: 60_000 })
      .toEqual([
        [1, 1, 256, 384],
        [1, 1, 256, 384],
      ]);
    const run = await view();
    expect(run?.error).toBeNull();
    const { conv2dReference } = await import('../../src/core/conv/index.js');
    const config = conv2dConfig({
      inChannels: 1,
      outChannels: 1,
      kernelSize: 3,
      padding: 1,
      groups: 1,
      bias: false,
    });
    const reference = conv2dReference(
      config,
      { shape: [1, 1, 256, 384], data: Float64Array.from(run?.input ?? []) },
      { shape: [1, 1, 3, 3], data: Float64Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]) },
    );
    for (const [y, x] of [
      [0, 0],
      [10, 200],
      [128, 191],
      [255, 383],
      [100, 5],
    ]) {
      const i = y * 384 + x;
      expect(run?.output[i]).toBeCloseTo(reference.data[i], 4);
    }
    await expect
      .poll(() => page.locator('ss-conv-tensor-card [data-testid=tensor-shape]').allTextContents())
      .toEqual(['1 × 1 × 256 × 384', '1 × 1 × 256 × 384']);
    await page.screenshot({ path: 'test-output/conv-lab-images-sobel.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens an image with the file picker, a button reached with the keyboard', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=dot&psize=16&imode=layer&kern=identity&ksize=1&ipad=0',
    );
    const picker = page.locator('[data-testid=file-picker]');
    await expect.poll(() => picker.textContent()).toContain('Open image');
    const look = await picker.evaluate((label) => {
      const style = getComputedStyle(label);
      return { border: style.borderTopStyle, cursor: style.cursor, height: label.clientHeight };
    });
    expect(look).toMatchObject({ border: 'solid', cursor: 'pointer' });
    expect(look.height).toBeGreaterThan(20);
    // Tab from the colour checkbox lands on the picker's input.
    await page.getByRole('checkbox', { name: 'colour (3 channels)' }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active instanceof HTMLInputElement ? active.type : active?.tagName;
    });
    expect(focused).toBe('file');
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 20, height: 10 } });
    await page
      .locator('[data-testid=file-picker] input')
      .setInputFiles({ name: 'corner.png', mimeType: 'image/png', buffer: png });
    await expect
      .poll(() => page.locator('ss-conv-tensor-card [data-testid=tensor-shape]').allTextContents())
      .toEqual(['1 × 1 × 10 × 20', '1 × 1 × 10 × 20']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('puts a stride-2 transposed conv beside resize-then-conv on a checkerboard-free pattern', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=dot&psize=16&imode=compare&kern=box&ksize=3',
    );
    const shapes = page.locator('ss-conv-tensor-card [data-testid=tensor-shape]');
    await expect
      .poll(() => shapes.allTextContents(), { timeout: 60_000 })
      .toEqual([
        '1 × 1 × 16 × 16',
        '1 × 1 × 32 × 32',
        '1 × 1 × 32 × 32',
        '1 × 1 × 32 × 32',
        '1 × 1 × 32 × 32',
        '1 × 1 × 32 × 32',
      ]);
    // The difference card holds transposed − resized, cell for cell.
    const run = await page.evaluate(() => {
      const lab = document.querySelector('ss-app')?.shadowRoot?.querySelector('ss-conv-lab');
      const v = lab?.shadowRoot?.querySelector('ss-conv-image-view') as unknown as {
        lastRun: { tensors: { label: string; tensor: { data: Float32Array } }[] };
      };
      return v.lastRun.tensors.map((t) => ({ label: t.label, data: Array.from(t.tensor.data) }));
    });
    expect(run[4].label).toContain('difference');
    const [transposed, resized, difference] = [run[2].data, run[3].data, run[4].data];
    expect(difference.length).toBe(32 * 32);
    difference.forEach((d, i) => expect(d).toBeCloseTo(transposed[i] - resized[i], 6));
    expect(difference.some((d) => Math.abs(d) > 1e-3)).toBe(true);
    await page.screenshot({ path: 'test-output/conv-lab-images-compare.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
  it('runs the DCGAN generator on seeded noise (stack mode’s default input), layer by layer, to a 3 × 64 × 64 image', async () => {
    const { page, errors } = await openLab('#/conv?tab=images&imode=stack&seed=3');
    const expected = traceStack(parseStack(DCGAN_GENERATOR.code).layers, DCGAN_GENERATOR.input);
    const shapes = page.locator('ss-conv-tensor-card [data-testid=tensor-shape]');
    await expect
      .poll(() => shapes.allTextContents(), { timeout: 120_000 })
      .toEqual([
        DCGAN_GENERATOR.input.join(' × '),
        ...expected.rows.map((r) => r.outputShape.join(' × ')),
      ]);
    // The facts run the card's width under the long layer calls, not down a narrow column.
    const widths = await page.locator('ss-conv-tensor-card figure').evaluateAll((figures) =>
      figures.map((f) => {
        const facts = f.querySelector('[data-testid=tensor-facts]') as HTMLElement;
        return facts.clientWidth / (f as HTMLElement).clientWidth;
      }),
    );
    expect(widths.length).toBeGreaterThan(1);
    for (const ratio of widths) expect(ratio).toBeGreaterThan(0.8);
    await page.screenshot({ path: 'test-output/conv-lab-images-dcgan.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Every tensor card's canvas: its scale, zoom window and (withData) pixels, read in the page. */
function cardPixels(page: Page, withData = true) {
  return page.locator('ss-conv-tensor-card canvas').evaluateAll(
    (canvases, withData) =>
      canvases.map((node) => {
        const c = node as HTMLCanvasElement;
        const data = withData
          ? c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data
          : undefined;
        return {
          width: c.width,
          height: c.height,
          scale: Number(c.dataset.scale),
          window: (c.dataset.window ?? '').split(',').map(Number),
          data: Array.from(data ?? []),
        };
      }),
    withData,
  );
}

describe('Conv Lab: colour images and zoom', () => {
  it('a colour image round-trips through an identity conv pixel-exactly', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=dot&psize=16&color=1&imode=layer&kern=identity&ksize=1&ipad=0',
    );
    const [w, h] = [12, 8];
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        rgb.set([x * 21, 255 - y * 31, (x * 37 + y * 53) % 256], (y * w + x) * 3);
    await page.locator('[data-testid=file-picker] input').setInputFiles({
      name: 'colours.png',
      mimeType: 'image/png',
      buffer: Buffer.from(encodePng({ width: w, height: h, pixels: rgb })),
    });
    await expect
      .poll(() => page.locator('ss-conv-tensor-card [data-testid=tensor-shape]').allTextContents())
      .toEqual(['1 × 3 × 8 × 12', '1 × 3 × 8 × 12']);
    const cards = await cardPixels(page);
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(card.width).toBe(w * card.scale);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const at =
            ((y * card.scale + (card.scale >> 1)) * card.width +
              x * card.scale +
              (card.scale >> 1)) *
            4;
          expect(card.data.slice(at, at + 3), `pixel ${x},${y}`).toEqual(
            Array.from(rgb.slice((y * w + x) * 3, (y * w + x) * 3 + 3)),
          );
        }
    }
    // On demand, the channels one by one.
    await page
      .locator('ss-conv-tensor-card')
      .first()
      .getByRole('checkbox', { name: 'per channel' })
      .check();
    await expect
      .poll(async () => (await cardPixels(page, false))[0].width)
      .toBeGreaterThan(2 * w * cards[0].scale);
    await page.screenshot({ path: 'test-output/conv-lab-images-colour.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zoom keeps pixels square and nearest-neighbour, and one pan moves every picture', async () => {
    const { page, errors } = await openLab(
      '#/conv?tab=images&img=checkerboard&psize=64&imode=layer&kern=identity&ksize=1&ipad=0',
    );
    await expect
      .poll(() => page.locator('ss-conv-tensor-card [data-testid=tensor-shape]').allTextContents())
      .toEqual(['1 × 1 × 64 × 64', '1 × 1 × 64 × 64']);
    await expect
      .poll(() => page.locator('[data-testid=kernel-grid] td').allTextContents())
      .toEqual(['1']);
    await page.locator('button[data-zoom="8"]').click();
    await expect.poll(async () => (await cardPixels(page)).map((c) => c.scale)).toEqual([8, 8]);
    const [card] = await cardPixels(page);
    const [sx, sy, sw, sh] = card.window;
    expect([card.width, card.height]).toEqual([sw * 8, sh * 8]);
    expect(sw).toBeLessThan(64);
    const grey = (x: number, y: number) => card.data[(y * card.width + x) * 4];
    for (let y = 0; y < card.height; y++)
      for (let x = 0; x < card.width; x++) {
        // Every screen pixel has its 8 × 8 block's colour: square, nearest-neighbour pixels…
        const bx = Math.floor(x / 8);
        const by = Math.floor(y / 8);
        if (grey(x, y) !== grey(bx * 8, by * 8)) expect([x, y]).toBe('uniform block');
        // …and the block's colour is the checkerboard's (8-pixel squares) at that tensor pixel.
        const on = (Math.floor((sx + bx) / 8) + Math.floor((sy + by) / 8)) % 2 === 1;
        if (x % 8 === 0 && y % 8 === 0) expect(grey(x, y)).toBe(on ? 255 : 0);
      }
    await page.locator('ss-conv-tensor-card canvas').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => {
        const [a, b] = (await cardPixels(page, false)).map((c) => c.window.join(','));
        return a === b && Number(a.split(',')[0]) > sx;
      })
      .toBe(true);
    await page.screenshot({ path: 'test-output/conv-lab-images-zoom.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Conv Lab: screenshots for people', () => {
  it('renders at projector and laptop sizes', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ]) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(
        `${inject('appUrl')}#/conv?tab=layer&kind=conv&in=1,1,6,6&k=2&s=2&p=1&d=1&pos=1,2`,
      );
      await expect.poll(() => page.locator('ss-conv-grid-canvas canvas').count()).toBe(1);
      // Hover an input cell so the picture shows the hover links (their contrast is checked in
      // tests/unit/conv-grid-contrast.test.ts; this is for eyes).
      const box = await page.locator('ss-conv-grid-canvas canvas').boundingBox();
      if (box) await page.mouse.move(box.x + box.width * 0.12, box.y + box.height * 0.45);
      await page.screenshot({ path: `test-output/conv-lab-${width}x${height}.png` });
      if (width === 1920) await page.screenshot({ path: 'test-output/screenshots/conv-lab.png' });
      await page.goto(
        `${inject('appUrl')}#/conv?tab=layer&kind=transposed&in=1,1,3,3&k=2&s=2&p=1&d=1`,
      );
      await page.reload();
      await expect
        .poll(() => page.locator('ss-conv-transposed-stages-view canvas').count())
        .toBe(1);
      await page.screenshot({ path: `test-output/conv-lab-transposed-${width}x${height}.png` });
      await page.goto(
        `${inject('appUrl')}#/conv?tab=images&img=photo&color=1&imode=compare&kern=box&ksize=3`,
      );
      await page.reload();
      await expect
        .poll(() => page.locator('ss-conv-tensor-card').count(), { timeout: 60_000 })
        .toBe(6);
      await page.screenshot({
        path: `test-output/conv-lab-compare-${width}x${height}.png`,
        fullPage: true,
      });
      await page.locator('button[data-zoom="4"]').click();
      await expect
        .poll(() =>
          page
            .locator('ss-conv-tensor-card canvas')
            .evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).dataset.scale)),
        )
        .toEqual(['4', '4', '4', '4', '4', '4']);
      await page.screenshot({
        path: `test-output/conv-lab-compare-zoom-${width}x${height}.png`,
        fullPage: true,
      });
      await page.close();
    }
  });
});
