import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GAME_PRESETS } from '../../src/labs/game/game-presets.js';
import { SLIDE_LAYOUTS, VIDEO_SECONDS } from '../../src/labs/game/game-slides.js';
import { launchChromium, openPage } from '../helpers/chromium.js';

// Presentation mode's slides at the two projector sizes, and the views' video export. The lab's
// test surface: the host's `data-sweep` and `state` (src/ui/game/game-lab.ts).
const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;
const COUNT = GAME_PRESETS.length;
/** The slide the README shows at each width. */
const README_SLIDES: Record<number, string> = {
  1920: 'sim-gda-diverges',
  1366: 'eg-ogda-converge',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output/slides', { recursive: true });
  mkdirSync('test-output/screenshots', { recursive: true });
});
afterAll(() => browser?.close());

/** Until the heatmap shows the finished sweep of the current view (not the last preset's). */
async function waitForSweep(page: Page, timeout = 180_000): Promise<void> {
  const current = `${LAB}.dataset.sweep === 'done' &&
    JSON.stringify(${LAB}.lastSweep?.spec) === JSON.stringify(${LAB}.state.view.spec)`;
  await expect.poll(() => page.evaluate(current), { timeout, interval: 250 }).toBe(true);
}

interface SlideBoxes {
  views: { name: string; x: number; y: number; width: number; height: number; font: number }[];
  canvases: { width: number; height: number }[];
  scrolls: boolean;
  overflows: boolean;
  counter: string;
  title: string;
  controls: number;
}

/** Where the slide's views are, their font size, and whether anything spills out of the screen. */
function slideBoxes(page: Page): Promise<SlideBoxes> {
  return page.evaluate(`(() => {
    const root = ${LAB}.shadowRoot;
    const slide = root.querySelector('.slide');
    const views = [...root.querySelectorAll('.slide-view')].map((v) => {
      const b = v.getBoundingClientRect();
      const drawn = v.children[1];
      return { name: v.dataset.view, x: b.x, y: b.y, width: b.width, height: b.height,
        font: parseFloat(getComputedStyle(drawn).fontSize) };
    });
    const canvases = [...root.querySelectorAll('.slide-view')].map((v) => {
      const el = v.children[1];
      const c = el?.shadowRoot?.querySelector('canvas') ?? el?.canvas;
      const b = c?.getBoundingClientRect();
      return { width: b?.width ?? 0, height: b?.height ?? 0 };
    });
    return {
      views,
      canvases,
      scrolls: document.documentElement.scrollHeight > innerHeight + 1 ||
        document.documentElement.scrollWidth > innerWidth + 1,
      overflows: slide.scrollHeight > slide.clientHeight + 1,
      counter: root.querySelector('[data-testid=slide-counter]').textContent.trim(),
      title: root.querySelector('.slide-title h2').textContent.trim(),
      controls: root.querySelectorAll('ss-game-controls, ss-preset-bar, button.png, button.video').length,
    };
  })()`) as Promise<SlideBoxes>;
}

describe('slides', () => {
  it.each([
    { width: 1920, height: 1080, font: 24 },
    { width: 1366, height: 768, font: 17 },
  ])(
    'at $width×$height every preset is a slide whose views fill the screen',
    async ({ width, height, font }) => {
      const { page, errors } = await openPage(
        browser,
        `${inject('appUrl')}#/game?preset=${GAME_PRESETS[0].id}&scale=test`,
      );
      await page.setViewportSize({ width, height });
      await page.locator('ss-game-lab button.present').click();
      // The keys a clicker sends, forward through every slide and back.
      const keys = ['ArrowRight', 'PageDown'];
      for (let i = 0; i < COUNT; i++) {
        const preset = GAME_PRESETS[i];
        await expect
          .poll(() => page.evaluate(`${LAB}.state.view.preset`), { timeout: 10_000 })
          .toBe(preset.id);
        await waitForSweep(page);
        // Let the slide's own playback reach its end, so the screenshot shows the whole run.
        await expect
          .poll(() => page.evaluate(`${LAB}.state.playing`), { timeout: 30_000 })
          .toBe(false);
        const boxes = await slideBoxes(page);
        expect(boxes.counter).toBe(`${i + 1} / ${COUNT}`);
        expect(boxes.title).toBe(preset.title);
        expect(boxes.controls).toBe(0);
        expect(boxes.scrolls).toBe(false);
        expect(boxes.overflows).toBe(false);
        expect(boxes.views.map((v) => v.name)).toEqual(SLIDE_LAYOUTS[preset.id].views);
        let area = 0;
        for (const v of boxes.views) {
          expect(v.x).toBeGreaterThanOrEqual(0);
          expect(v.y).toBeGreaterThanOrEqual(0);
          expect(v.x + v.width).toBeLessThanOrEqual(width + 1);
          expect(v.y + v.height).toBeLessThanOrEqual(height + 1);
          // No view is small: at least an eighth of the screen, and its text grown with it.
          expect(v.width * v.height).toBeGreaterThan((width * height) / 8);
          expect(v.font).toBeGreaterThanOrEqual(font);
          area += v.width * v.height;
        }
        expect(area / (width * height)).toBeGreaterThanOrEqual(0.6);
        for (const c of boxes.canvases) {
          expect(c.width).toBeGreaterThan(width / 5);
          expect(c.height).toBeGreaterThan(height / 5);
        }
        await page.screenshot({ path: `test-output/slides/${width}-${i + 1}-${preset.id}.png` });
        // The README's two (copied to docs/screenshots by `npm run screenshots`, never by tests).
        if (README_SLIDES[width] === preset.id)
          await page.screenshot({ path: `test-output/screenshots/slide-${width}.png` });
        if (i < COUNT - 1) await page.keyboard.press(keys[i % 2]);
      }
      // Back one with PageUp and one with the left arrow; on from the last goes round to the first.
      await page.keyboard.press('PageUp');
      await expect
        .poll(() => slideBoxes(page).then((b) => b.counter))
        .toBe(`${COUNT - 1} / ${COUNT}`);
      await page.keyboard.press('ArrowLeft');
      await expect
        .poll(() => slideBoxes(page).then((b) => b.counter))
        .toBe(`${COUNT - 2} / ${COUNT}`);
      // The visible way out, by keyboard: Tab reaches it, Enter leaves.
      const leave = page.locator('ss-game-lab button.leave');
      await leave.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(`${LAB}.hasAttribute('presenting')`)).toBe(false);
      expect(await page.locator('ss-game-lab ss-game-controls').isVisible()).toBe(true);
      // And Escape from a slide.
      await page.locator('ss-game-lab button.present').click();
      await expect.poll(() => page.evaluate(`${LAB}.hasAttribute('presenting')`)).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.evaluate(`${LAB}.hasAttribute('presenting')`)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    },
    900_000,
  );
});

/**
 * The file's length in seconds as the browser plays it (a recorder's WebM may not say until
 * seeked), in a blank page: the app's own policy lets no blob: media load.
 */
async function videoSeconds(bytes: Buffer): Promise<number> {
  const page = await browser.newPage();
  const seconds = await page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`the video does not load: ${video.error?.message}`));
    });
    if (!Number.isFinite(video.duration)) {
      // MediaRecorder writes no duration: seeking past the end makes the browser find it.
      await new Promise((resolve) => {
        video.ondurationchange = () => Number.isFinite(video.duration) && resolve(null);
        video.currentTime = 1e101;
      });
    }
    return video.duration;
  }, bytes.toString('base64'));
  await page.close();
  return seconds;
}

describe('video export', () => {
  it('records the orbit playing and the sweep filling in as WebM files of the set length, with progress and cancel', async () => {
    const { page, errors } = await openPage(
      browser,
      `${inject('appUrl')}#/game?preset=continuous-circle&scale=test`,
    );
    await waitForSweep(page);
    const seconds = VIDEO_SECONDS;
    for (const view of ['orbit', 'heatmap'] as const) {
      const panel = view === 'heatmap' ? 'heat' : view;
      const button = page.locator(`ss-game-lab .panel.${panel} button.video`);
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await button.click();
      await expect
        .poll(() =>
          page.locator(`ss-game-lab .panel.${panel} [data-testid=video-progress]`).isVisible(),
        )
        .toBe(true);
      const file = await download;
      expect(file.suggestedFilename()).toBe(`saddle-stride-${view}.webm`);
      const path = `test-output/slides/${view}.webm`;
      await file.saveAs(path);
      const bytes = readFileSync(path);
      // WebM is Matroska: the file opens with the EBML header's ID.
      expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
      const duration = await videoSeconds(bytes);
      expect(duration).toBeGreaterThan(seconds - 0.5);
      expect(duration).toBeLessThan(seconds + 2);
      // The playhead is back where it stood, the heatmap whole again.
      await expect
        .poll(() => page.locator(`ss-game-lab .panel.${panel} button.video`).isEnabled())
        .toBe(true);
    }
    // Cancel: no file, the button back.
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.locator('ss-game-lab .panel.xy button.video').click();
    const progress = page.locator('ss-game-lab .panel.xy [data-testid=video-progress]');
    await progress.click();
    await expect
      .poll(() => page.locator('ss-game-lab .panel.xy button.video').isEnabled())
      .toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(downloads).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
