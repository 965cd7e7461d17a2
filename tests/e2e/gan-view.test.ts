import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  GAN_FATES,
  GAN_METRIC_NAMES,
  ganCellSpec,
  parseGanSweepSpec,
  trainGan,
  type GanMetricName,
  type GanRunSpec,
  type GanSweepSpec,
} from '../../src/core/gan/index.js';
import { GAN_PRESETS } from '../../src/labs/gan/gan-presets.js';
import { defaultGanView, ganViewToHash } from '../../src/labs/gan/gan-view-url.js';
import { launchChromium, openPage } from '../helpers/chromium.js';
import { GAN_VIEW, waitForGanView as waitFor } from '../helpers/gan-view-page.js';

const VIEW = GAN_VIEW;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

interface PageSweep {
  spec: GanSweepSpec;
  xValues: number[];
  yValues: number[];
  metrics: Record<GanMetricName, number[]>;
}

async function sweepOnDisplay(page: Page): Promise<PageSweep> {
  return page.evaluate(`(() => {
    const r = ${VIEW}.lastSweep;
    return {
      spec: r.spec,
      xValues: Array.from(r.xValues),
      yValues: Array.from(r.yValues),
      metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Array.from(v)])),
    };
  })()`) as Promise<PageSweep>;
}

/** Counts of each fate among the cells whose axis values pass `where`. */
function fates(s: PageSweep, where: (x: number, y: number) => boolean) {
  const counts = { converged: 0, cycling: 0, 'mode-collapsed': 0, diverged: 0, cells: 0 };
  s.yValues.forEach((y, iy) =>
    s.xValues.forEach((x, ix) => {
      if (!where(x, y)) return;
      counts[GAN_FATES[s.metrics.fate[iy * s.xValues.length + ix]]]++;
      counts.cells++;
    }),
  );
  return counts;
}

/**
 * The page's float64 replay against trainGan in Node: the same code on another V8, whose Math
 * functions may round a last bit differently, so to 10⁻¹² relative rather than bit for bit.
 */
function expectSameRun(metrics: unknown, cell: GanRunSpec): void {
  const want = trainGan(cell).metrics;
  const got = metrics as Record<string, number>;
  for (const name of GAN_METRIC_NAMES)
    expect(Math.abs(got[name] - want[name]), name).toBeLessThanOrEqual(
      1e-12 * (1 + Math.abs(want[name])),
    );
}

/** Each preset's caption, as a check of the computed fates (each returns what it found, for the message). */
const CLAIMS: Record<string, (s: PageSweep) => void> = {
  'gan-sim-gda': (s) => {
    const slow = fates(s, (lrD) => lrD <= 0.02);
    expect(slow.cells).toBeGreaterThan(0);
    expect(slow.converged, JSON.stringify(slow)).toBe(0);
    expect(slow.cycling, JSON.stringify(slow)).toBeGreaterThanOrEqual(slow.cells / 2);
    expect(fates(s, () => true).converged).toBeGreaterThanOrEqual(2);
  },
  'gan-consensus': (s) => {
    const plain = fates(s, (gamma) => gamma === 0);
    const plainFast = fates(s, (gamma, lr) => gamma === 0 && lr >= 0.1);
    const moderate = fates(s, (gamma) => gamma >= 0.3 && gamma <= 0.9);
    const strong = fates(s, (gamma) => gamma >= 1.5);
    expect(plain.converged, JSON.stringify(plain)).toBe(0);
    expect(plainFast.cells).toBeGreaterThan(0);
    expect(plainFast.diverged, JSON.stringify(plainFast)).toBe(plainFast.cells);
    expect(moderate.converged, JSON.stringify(moderate)).toBeGreaterThanOrEqual(moderate.cells / 3);
    expect(strong.cells).toBeGreaterThan(0);
    expect(strong.converged, JSON.stringify(strong)).toBe(0);
  },
  'gan-ttur': (s) => {
    const right = fates(s, (lrD, lrG) => lrD > lrG * 1.0001);
    const left = fates(s, (lrD, lrG) => lrD < lrG / 1.0001);
    expect(right.converged, `${right.converged} vs ${left.converged}`).toBeGreaterThanOrEqual(
      Math.max(2, 2 * left.converged),
    );
  },
  'gan-r1': (s) => {
    const middle = (lr: number) => lr >= 0.3 && lr <= 0.8;
    const plain = fates(s, (gamma, lr) => gamma === 0 && middle(lr));
    const penalised = fates(s, (gamma, lr) => gamma >= 0.75 && middle(lr));
    const fastest = fates(s, (_, lr) => lr >= 1.4);
    expect(plain.cells).toBeGreaterThan(0);
    expect(plain.converged, JSON.stringify(plain)).toBe(0);
    // "nearly all": every cell but at most one
    expect(penalised.converged, JSON.stringify(penalised)).toBeGreaterThanOrEqual(
      penalised.cells - 1,
    );
    expect(fastest.cells).toBeGreaterThan(0);
    expect(fastest.diverged, JSON.stringify(fastest)).toBe(fastest.cells);
  },
  'gan-negative-momentum': (s) => {
    const negative = fates(s, (beta) => beta <= -0.4);
    const positive = fates(s, (beta) => beta > 0);
    const strong = fates(s, (beta) => beta >= 0.7);
    expect(negative.cells).toBeGreaterThan(0);
    expect(negative.diverged, JSON.stringify(negative)).toBe(0);
    expect(positive.diverged, JSON.stringify(positive)).toBeGreaterThanOrEqual(2);
    expect(strong.converged, JSON.stringify(strong)).toBe(0);
  },
  'gan-adam-dcgan': (s) => {
    const all = fates(s, () => true);
    const fast = fates(s, (_, lr) => lr >= 0.07);
    const slow = fates(s, (_, lr) => lr <= 0.0011);
    const heavy = fates(s, (beta1) => beta1 >= 0.7);
    expect(all.converged, JSON.stringify(all)).toBeGreaterThanOrEqual(2);
    for (const region of [fast, slow, heavy]) {
      expect(region.cells).toBeGreaterThan(0);
      expect(region.converged, JSON.stringify(region)).toBe(0);
    }
    // "With β₁ up to about 0.5": every converged cell has β₁ ≤ 0.6.
    expect(fates(s, (beta1) => beta1 > 0.6).converged).toBe(0);
  },
};

describe('the GAN view', () => {
  it('opens from the Game Lab’s link, and its own link leads back', async () => {
    const { page, errors } = await openPage(browser, `${inject('appUrl')}#/game`);
    await page.locator('a.gan-link').click();
    await expect.poll(() => page.evaluate(`${VIEW} !== null`)).toBe(true);
    expect(await page.evaluate(`location.hash.startsWith('#/gan')`)).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(`${VIEW}.shadowRoot.querySelector('[data-testid=gan-caption]').textContent`),
      )
      .toContain(GAN_PRESETS[0].title);
    await page.locator('a.back').click();
    await expect
      .poll(() =>
        page.evaluate(
          `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab') !== null`,
        ),
      )
      .toBe(true);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link that cannot be used says why; a spec the GPU cannot train is refused by name', async () => {
    const { page, errors } = await openPage(
      browser,
      `${inject('appUrl')}#/gan?game.generator.width=999`,
    );
    await expect
      .poll(
        () =>
          page.evaluate(
            `${VIEW}?.shadowRoot.querySelector('[data-testid=gan-link-error]')?.textContent ?? ''`,
          ),
        { timeout: 60_000 },
      )
      .toMatch(/game\.generator\.width: must be an integer from 1 to 64, got 999/);
    // Consensus with R1 needs the penalty's third derivatives, which the GPU kernel does not
    // have: a refusal naming the field.
    await page.goto('about:blank');
    await page.goto(
      `${inject('appUrl')}#/gan?method.name=consensus&game.r1=1&x=lrD,0.01,0.1,2,log&y=lrG,0.01,0.1,2,log`,
    );
    await waitFor(page, 'sweep', 'refused', 120_000);
    expect(
      await page.evaluate(
        `${VIEW}.shadowRoot.querySelector('[data-testid=gan-refusal]').textContent`,
      ),
    ).toMatch(/game\.r1/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a small sweep matches the float64 reference; a replayed cell, keyboard and playback', async () => {
    // Short runs at moderate rates: the GPU engine's documented agreement holds (30 steps).
    const spec = parseGanSweepSpec({
      game: {
        name: 'mlp-gan',
        generator: { latent: 2, layers: 1, width: 8 },
        discriminator: { layers: 1, width: 8 },
      },
      method: 'sim-gda',
      steps: 30,
      batch: 16,
      evalBatch: 64,
      axes: {
        x: { param: 'lrD', from: 0.02, to: 0.2, count: 3, scale: 'log' },
        y: { param: 'lrG', from: 0.02, to: 0.2, count: 3, scale: 'log' },
      },
    });
    const hash = ganViewToHash({ ...defaultGanView(), spec });
    const { page, errors } = await openPage(browser, `${inject('appUrl')}${hash}`);
    await waitFor(page, 'sweep', 'done');
    const sweep = await sweepOnDisplay(page);
    expect(sweep.spec).toEqual(spec);
    for (const [ix, iy] of [
      [0, 0],
      [2, 1],
    ]) {
      const reference = trainGan(ganCellSpec(spec, ix, iy)).metrics;
      const i = iy * 3 + ix;
      for (const name of GAN_METRIC_NAMES) {
        const got = sweep.metrics[name][i];
        const want = reference[name];
        expect(Math.abs(got - want), `${name} of cell (${ix}, ${iy})`).toBeLessThan(
          1e-3 * (1 + Math.abs(want)),
        );
      }
    }
    // The heatmap's status line says what ran.
    expect(await page.locator('[data-testid=gan-sweep-status]').textContent()).toMatch(
      /270 training steps/,
    );

    // Click a cell: its GAN is replayed in float64, exactly as trainGan trains it.
    const centre = (await page.evaluate(
      `${VIEW}.shadowRoot.querySelector('ss-gan-heatmap').cellCenter(2, 1)`,
    )) as { x: number; y: number };
    await page.mouse.click(centre.x, centre.y);
    await waitFor(page, 'replay', 'done', 120_000);
    expectSameRun(await page.evaluate(`${VIEW}.state.replay.metrics`), ganCellSpec(spec, 2, 1));
    await expect
      .poll(() => page.locator('[data-testid=gan-compare] summary').textContent())
      .toMatch(/every metric agrees within/);
    // The link is rewritten once the view settles, not in the same task as the replay.
    await expect.poll(() => page.evaluate(`location.hash`)).toContain('cell=2%2C1');

    // Keyboard: the heatmap moves its selection with the arrows and replays the new cell.
    await page.locator('ss-gan-heatmap canvas').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(`${VIEW}.state.view.cell`)).toEqual({ ix: 1, iy: 2 });
    await waitFor(page, 'replay', 'done', 120_000);
    expectSameRun(await page.evaluate(`${VIEW}.state.replay.metrics`), ganCellSpec(spec, 1, 2));

    // Scrub with the slider's keys, then play to the end.
    const slider = page.locator('ss-game-playback input[type=range]');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(`${VIEW}.state.playhead`)).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(`${VIEW}.state.playhead`)).toBe(1);
    expect(await page.locator('[data-testid=gan-samples-caption]').textContent()).toMatch(
      /^Step 1:/,
    );
    await page.locator('ss-game-playback button.play').click();
    await expect.poll(() => page.evaluate(`${VIEW}.state.playhead`), { timeout: 60_000 }).toBe(30);
    expect(await page.evaluate(`${VIEW}.state.playing`)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(GAN_PRESETS.map((p) => [p.id, p.title]))(
    'preset %s (%s): the map is what its caption says',
    { timeout: 900_000 },
    async (id) => {
      const { page, errors } = await openPage(browser, `${inject('appUrl')}#/gan?preset=${id}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await waitFor(page, 'sweep', 'done', 840_000);
      const sweep = await sweepOnDisplay(page);
      // For the record (not a check: the machine may be busy): how long the preset took here.
      console.log(`${id}: ${await page.locator('[data-testid=gan-sweep-status]').textContent()}`);
      const preset = GAN_PRESETS.find((p) => p.id === id)!;
      expect(sweep.spec.steps).toBe((preset.spec as { steps: number }).steps);
      expect(sweep.metrics.fate.every((f) => f in GAN_FATES)).toBe(true);
      for (const name of GAN_METRIC_NAMES)
        expect(sweep.metrics[name].every(Number.isFinite), name).toBe(true);
      await page.screenshot({ path: `test-output/gan-preset-${id}-1920.png` });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: `test-output/gan-preset-${id}-1366.png` });
      CLAIMS[id](sweep);
      if (id === GAN_PRESETS[0].id) {
        // The README's screenshot: the first preset with a converged cell replayed to its end.
        const nx = sweep.spec.axes.x.count;
        const i = Math.max(0, sweep.metrics.fate.indexOf(GAN_FATES.indexOf('converged')));
        await page.setViewportSize({ width: 1920, height: 1080 });
        const centre = (await page.evaluate(
          `${VIEW}.shadowRoot.querySelector('ss-gan-heatmap').cellCenter(${i % nx}, ${Math.floor(i / nx)})`,
        )) as { x: number; y: number };
        await page.mouse.click(centre.x, centre.y);
        await waitFor(page, 'replay', 'done', 300_000);
        await page.locator('ss-game-playback input[type=range]').focus();
        await page.keyboard.press('End');
        mkdirSync('test-output/screenshots', { recursive: true });
        await page.screenshot({ path: 'test-output/screenshots/gan-view.png' });
      }
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
