import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FATE_NAMES, type SweepSpec } from '../../src/core/games/index.js';
import { GAME_PRESETS } from '../../src/labs/game/game-presets.js';
import { launchChromium, openPage } from '../helpers/chromium.js';
import { PRESET_FATE_CLAIMS, type FateSweep } from '../helpers/preset-fate-claims.js';

// The lab's documented test surface (src/ui/game/game-lab.ts): `data-sweep`, `lastSweep`, `state`.
const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

async function openPreset(id: string, size: { width: number; height: number }) {
  const opened = await openPage(browser, `${inject('appUrl')}#/game?preset=${id}&scale=test`);
  await opened.page.setViewportSize(size);
  return opened;
}

async function waitForSweep(page: Page): Promise<void> {
  // A software adapter on a shared machine: minutes of headroom, no timing asserted.
  await expect
    .poll(() => page.evaluate(`${LAB}?.dataset.sweep ?? null`), { timeout: 240_000, interval: 250 })
    .toBe('done');
}

/** The finished sweep on display, as the claims read it, and the metric the heatmap shows. */
async function sweepOnDisplay(page: Page): Promise<{ sweep: FateSweep; metric: string }> {
  return page.evaluate(`(() => {
    const lab = ${LAB};
    const r = lab.lastSweep;
    const m = r.metrics;
    return {
      metric: lab.state.view.metric,
      sweep: {
        spec: r.spec,
        xValues: Array.from(r.xValues),
        yValues: Array.from(r.yValues),
        fate: Array.from(m.fate),
        radius: Array.from(m.radius),
        escapeStep: Array.from(m.escapeStep),
      },
    };
  })()`) as Promise<{ sweep: FateSweep; metric: string }>;
}

describe('every preset’s fate map, swept on the GPU in the built app, is what its caption says', () => {
  it.each(GAME_PRESETS.map((p) => [p.id, p.title]))(
    'preset %s (%s)',
    { timeout: 300_000 },
    async (id) => {
      const preset = GAME_PRESETS.find((p) => p.id === id)!;
      const { page, errors } = await openPreset(id, { width: 1920, height: 1080 });
      await waitForSweep(page);
      const { sweep, metric } = await sweepOnDisplay(page);
      expect(metric).toBe(preset.metric);
      // The test scale shrinks the grid only: the fate depends on the steps, which stay.
      expect(sweep.spec.steps).toBe((preset.spec as Partial<SweepSpec>).steps);
      expect(sweep.fate).toHaveLength(sweep.spec.axes.x.count * sweep.spec.axes.y.count);
      expect(Array.from(sweep.fate).every((f) => f in FATE_NAMES)).toBe(true);
      expect(PRESET_FATE_CLAIMS[id](sweep).slice(0, 10)).toEqual([]);
      await page.screenshot({ path: `test-output/preset-fate-${id}-1920.png` });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: `test-output/preset-fate-${id}-1366.png` });
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
