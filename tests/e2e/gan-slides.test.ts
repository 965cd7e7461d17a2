import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GAN_FATES } from '../../src/core/gan/index.js';
import { GAN_PRESETS } from '../../src/labs/gan/gan-presets.js';
import { launchChromium, openPage } from '../helpers/chromium.js';
import { GAN_VIEW, waitForGanView } from '../helpers/gan-view-page.js';

// The GAN view's slides at the two projector sizes; besides the view's test surface
// (gan-view-page.ts), the host's presenting attribute.
const VIEW = GAN_VIEW;
const COUNT = GAN_PRESETS.length;
const FIRST = 'gan-sim-gda';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

/** Each map or replay of a slide: 300 s, the preset's own sweep on a loaded software adapter. */
const waitFor = (page: Page, attribute: 'sweep' | 'replay', value: string, timeout = 300_000) =>
  waitForGanView(page, attribute, value, timeout);

const hash = (page: Page) => page.evaluate(`location.hash`) as Promise<string>;
const presenting = (page: Page) => page.evaluate(`${VIEW}.hasAttribute('presenting')`);

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Its content is taller or wider than its box (text cut off). */
  clipped: boolean;
  font: number;
}

interface SlideBoxes {
  slide: Box;
  parts: Box[];
  scrolls: boolean;
  counter: string;
  title: string;
  label: string | null;
  controls: number;
}

/** Where the slide and its parts are, their font sizes, and whether anything spills out. */
function slideBoxes(page: Page): Promise<SlideBoxes> {
  return page.evaluate(`(() => {
    const root = ${VIEW}.shadowRoot;
    const box = (name, el) => {
      const b = el.getBoundingClientRect();
      return { name, x: b.x, y: b.y, width: b.width, height: b.height,
        clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
        font: parseFloat(getComputedStyle(el).fontSize) };
    };
    const slide = root.querySelector('.slide');
    const map = root.querySelector('[data-view=heatmap] ss-gan-heatmap');
    return {
      slide: box('slide', slide),
      parts: [
        box('title', root.querySelector('.slide-title h2')),
        box('caption', root.querySelector('[data-testid=caption]')),
        box('map', map.shadowRoot.querySelector('canvas')),
        box('samples', root.querySelector('[data-view=samples] ss-gan-sample-plot').shadowRoot.querySelector('canvas')),
        box('counter', root.querySelector('[data-testid=slide-counter]')),
        box('leave', root.querySelector('button.leave')),
      ],
      scrolls: document.documentElement.scrollHeight > innerHeight + 1 ||
        document.documentElement.scrollWidth > innerWidth + 1,
      counter: root.querySelector('[data-testid=slide-counter]').textContent.trim(),
      title: root.querySelector('.slide-title h2').textContent.trim(),
      label: slide.getAttribute('aria-label'),
      controls: root.querySelectorAll('ss-gan-controls, nav.presets, ss-game-playback').length,
    };
  })()`) as Promise<SlideBoxes>;
}

const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;

/** The slide fills the 16:9 screen; title, caption, map, replay and footer are inside, whole and apart. */
function expectLayout(b: SlideBoxes, width: number, height: number, font: number): void {
  expect(b.scrolls).toBe(false);
  expect(b.controls).toBe(0);
  expect(b.slide.clipped).toBe(false);
  expect(b.slide.x).toBeCloseTo(0, 0);
  expect(b.slide.y).toBeCloseTo(0, 0);
  expect(Math.abs(b.slide.width - width)).toBeLessThanOrEqual(1);
  expect(Math.abs(b.slide.height - height)).toBeLessThanOrEqual(1);
  expect(b.slide.width / b.slide.height).toBeCloseTo(16 / 9, 1);
  for (const p of b.parts) {
    expect(p.x, p.name).toBeGreaterThanOrEqual(0);
    expect(p.y, p.name).toBeGreaterThanOrEqual(0);
    expect(p.x + p.width, p.name).toBeLessThanOrEqual(width + 1);
    expect(p.y + p.height, p.name).toBeLessThanOrEqual(height + 1);
    expect(p.width * p.height, p.name).toBeGreaterThan(0);
    if (p.name !== 'map' && p.name !== 'samples') expect(p.clipped, p.name).toBe(false);
  }
  for (const [i, a] of b.parts.entries())
    for (const c of b.parts.slice(i + 1))
      expect(overlap(a, c), `${a.name} × ${c.name}`).toBe(false);
  const part = (name: string) => b.parts.find((p) => p.name === name)!;
  // The map is large: a third of the screen's width and half its height at least; the replay beside it.
  expect(part('map').width).toBeGreaterThan(width / 3);
  expect(part('map').height).toBeGreaterThan(height / 2);
  expect(part('samples').width).toBeGreaterThan(width / 4);
  expect(part('samples').height).toBeGreaterThan(height / 3);
  // Text for the back of the room, grown with the screen.
  expect(part('caption').font).toBeGreaterThanOrEqual(font * 1.2);
  expect(part('title').font).toBeGreaterThan(part('caption').font);
}

describe('GAN slides', () => {
  it.each([
    { width: 1920, height: 1080, font: 24 },
    { width: 1366, height: 768, font: 17 },
  ])(
    'at $width×$height present=1 opens a 16:9 slide: the map, then its first converged GAN replayed',
    async ({ width, height, font }) => {
      const { page, errors } = await openPage(
        browser,
        `${inject('appUrl')}#/gan?preset=${FIRST}&present=1`,
      );
      await page.setViewportSize({ width, height });
      expect(await presenting(page)).toBe(true);
      await waitFor(page, 'sweep', 'done');
      // The first converged cell (row by row) is chosen, replayed, and plays to its end.
      const first = await page.evaluate(`(() => {
        const r = ${VIEW}.lastSweep;
        const i = r.metrics.fate.indexOf(${GAN_FATES.indexOf('converged')});
        return { ix: i % r.spec.axes.x.count, iy: Math.floor(i / r.spec.axes.x.count) };
      })()`);
      expect(await page.evaluate(`${VIEW}.state.view.cell`)).toEqual(first);
      await waitFor(page, 'replay', 'done');
      await expect
        .poll(() => page.evaluate(`${VIEW}.state.playing`), { timeout: 60_000 })
        .toBe(false);
      const boxes = await slideBoxes(page);
      expect(boxes.counter).toBe(`1 / ${COUNT}`);
      expect(boxes.title).toBe(GAN_PRESETS[0].title);
      expect(boxes.label).toBe(GAN_PRESETS[0].title);
      expectLayout(boxes, width, height, font);
      await page.screenshot({ path: `test-output/gan-slide-${width}.png` });
      // Beside the picture, the replay's own fate and the numbers behind it.
      const m = (await page.evaluate(`${VIEW}.state.replay.metrics`)) as {
        fate: number;
        modesCovered: number;
        highQualityFraction: number;
      };
      expect(await page.locator('[data-testid=replay-status]').textContent()).toContain(
        `at the end ${GAN_FATES[m.fate]}: ${m.modesCovered} modes covered, ` +
          `${Math.round(100 * m.highQualityFraction)} % of samples within 3σ of a mode`,
      );

      if (width === 1920) {
        // → is the next preset, in the slide and the link; Escape leaves and the link drops present=1.
        await page.evaluate(`window.firstSweep = ${VIEW}.lastSweep`);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.evaluate(`${VIEW}.state.view.preset`)).toBe(GAN_PRESETS[1].id);
        await expect.poll(() => slideBoxes(page).then((b) => b.counter)).toBe(`2 / ${COUNT}`);
        await expect.poll(() => hash(page)).toContain(`preset=${GAN_PRESETS[1].id}`);
        expect(await hash(page)).toContain('present=1');
        // While its sweep runs the slide shows its progress, laid out the same.
        await waitFor(page, 'sweep', 'running', 60_000);
        expectLayout(await slideBoxes(page), width, height, font);
        await page.keyboard.press('PageUp');
        await expect.poll(() => slideBoxes(page).then((b) => b.counter)).toBe(`1 / ${COUNT}`);
        // Back before the next map finished: the first map is shown again, not swept again.
        await waitFor(page, 'sweep', 'done', 60_000);
        expect(await page.evaluate(`${VIEW}.lastSweep === window.firstSweep`)).toBe(true);
        expect(await page.evaluate(`${VIEW}.state.view.cell`)).toEqual(first);
        await page.keyboard.press('Escape');
        await expect.poll(() => presenting(page)).toBe(false);
        await expect.poll(() => hash(page)).not.toContain('present=');
        expect(await hash(page)).toContain(`preset=${FIRST}`);
      } else {
        // The visible way out, by keyboard: focus reaches it, Enter leaves.
        await page.locator('ss-gan-view button.leave').focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => presenting(page)).toBe(false);
        await expect.poll(() => hash(page)).not.toContain('present=');
      }
      expect(await page.locator('ss-gan-view ss-gan-controls').isVisible()).toBe(true);
      // And the Present button opens the slides again, on the view's preset.
      await page.locator('ss-gan-view button.present').click();
      await expect.poll(() => presenting(page)).toBe(true);
      await expect.poll(() => hash(page)).toContain('present=1');
      await page.keyboard.press('Escape');
      await expect.poll(() => presenting(page)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    },
    600_000,
  );

  it('without WebGPU the slide says so, and its keys still work', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const crashes: string[] = [];
    page.on('pageerror', (error) => crashes.push(error.message));
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
    });
    await page.goto(`${inject('appUrl')}#/gan?preset=${FIRST}&present=1`);
    const alert = page.locator('ss-gan-view .slide [data-testid=gan-refusal]');
    await expect.poll(() => alert.textContent()).toMatch(/WebGPU is not available/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideBoxes(page).then((b) => b.counter)).toBe(`2 / ${COUNT}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => presenting(page)).toBe(false);
    expect(crashes).toEqual([]);
    await page.close();
  });
});
