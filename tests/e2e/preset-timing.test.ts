import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/chromium.js';

// The browser's time from a click on a Game Lab preset to its finished heatmap, for each preset
// the preset bar shows: reported in test-output/preset-timing.json and on the console, never
// asserted (the figures depend on the machine and its load). The test asserts only that every
// preset's sweep finishes and draws without an error.
//
// The presets run at the lab's test scale (`scale=test`: at most 32 cells an axis and 200 steps),
// which a software adapter finishes in seconds; PRESET_TIMING_SCALE=full times them as written
// (on SwiftShader that can take many minutes a preset).

const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;
const SCALE = process.env.PRESET_TIMING_SCALE === 'full' ? 'full' : 'test';
/** Per preset: generous, for a software adapter on a busy machine. */
const PRESET_TIMEOUT_MS = SCALE === 'full' ? 3_600_000 : 300_000;

interface PresetTiming {
  preset: string;
  seconds: number;
  games: number;
  steps: number;
  /** Steps the games actually played (games stop when they escape or converge). */
  gameSteps: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

describe('preset click to finished heatmap', () => {
  it(
    'every preset of the preset bar finishes its sweep; the times go to test-output/preset-timing.json',
    { timeout: 3_600_000 },
    async () => {
      const bar = 'ss-game-lab ss-preset-bar button[data-preset]';
      // Start on a page with a preset loaded and swept, so that each click changes the preset.
      const { page, errors } = await openPage(browser, `${inject('appUrl')}#/game`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.locator(bar).first().waitFor();
      const ids = await page
        .locator(bar)
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-preset') ?? ''));
      expect(ids.length).toBeGreaterThan(1);
      await page.goto(`${inject('appUrl')}#/game?preset=${ids[ids.length - 1]}&scale=${SCALE}`);
      await expect
        .poll(() => page.evaluate(`${LAB}?.dataset.sweep ?? null`), {
          timeout: PRESET_TIMEOUT_MS,
          interval: 100,
        })
        .toBe('done');

      const timings: PresetTiming[] = [];
      for (const id of ids) {
        // In the page: note the sweep on display, stamp the click (capture phase, before the
        // preset bar's handler), then watch for a different finished sweep and two animation
        // frames, so the heatmap is painted.
        await page.evaluate(`(() => {
          const lab = ${LAB};
          const before = lab.lastSweep;
          window.__presetTiming = new Promise((resolve) => {
            document.addEventListener('click', () => {
              const start = performance.now();
              const poll = () => {
                if (lab.dataset.sweep === 'done' && lab.lastSweep && lab.lastSweep !== before) {
                  requestAnimationFrame(() => requestAnimationFrame(() => {
                    const r = lab.lastSweep;
                    resolve({
                      seconds: (performance.now() - start) / 1e3,
                      games: r.spec.axes.x.count * r.spec.axes.y.count,
                      steps: r.spec.steps,
                      gameSteps: r.gameSteps,
                    });
                  }));
                } else {
                  setTimeout(poll, 10);
                }
              };
              poll();
            }, { capture: true, once: true });
          });
        })()`);
        await page.locator(`ss-game-lab ss-preset-bar button[data-preset="${id}"]`).click();
        const timing = (await page.evaluate(
          `Promise.race([window.__presetTiming, new Promise((_, reject) => setTimeout(() => reject(new Error('preset ${id}: no finished sweep within ${PRESET_TIMEOUT_MS} ms')), ${PRESET_TIMEOUT_MS}))])`,
        )) as Omit<PresetTiming, 'preset'>;
        expect(await page.evaluate(`${LAB}.state.view.preset`)).toBe(id);
        timings.push({ preset: id, ...timing });
      }

      const adapter = await page.evaluate(`(async () => {
        const a = await navigator.gpu?.requestAdapter();
        return a ? [a.info.vendor, a.info.architecture, a.info.description].filter(Boolean).join(' ') : 'none';
      })()`);
      writeFileSync(
        'test-output/preset-timing.json',
        JSON.stringify({ adapter, scale: SCALE, presets: timings }, null, 2) + '\n',
      );
      console.info(`Preset click to finished heatmap (${adapter}, scale ${SCALE}):`);
      console.table(timings.map((t) => ({ ...t, seconds: Number(t.seconds.toFixed(3)) })));
      expect(timings.map((t) => t.preset)).toEqual(ids);
      for (const t of timings) {
        expect(t.games, t.preset).toBeGreaterThan(0);
        expect(t.steps, t.preset).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
    },
  );
});
