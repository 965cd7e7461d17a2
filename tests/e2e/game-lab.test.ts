import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  cellSpec,
  simulateGame,
  type SingleGameSpec,
  type SweepSpec,
} from '../../src/core/games/index.js';
import { GAME_PRESETS } from '../../src/labs/game/game-presets.js';
import { launchChromium, openPage } from '../helpers/chromium.js';

// The lab's documented test surface (src/ui/game/game-lab.ts): the host's `data-sweep` attribute,
// `lastSweep` (spec and per-cell metrics of the heatmap on display) and `state`.
const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;

interface SweepSnapshot {
  spec: SweepSpec;
  growthRate: number[];
  radius: number[];
  escapeStep: number[];
  finalX: number[];
  finalY: number[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
  // The README's screenshots: copied to docs/screenshots by `npm run screenshots`, never by tests.
  mkdirSync('test-output/screenshots', { recursive: true });
});
afterAll(() => browser?.close());

async function open(hash: string, size = { width: 1920, height: 1080 }) {
  const opened = await openPage(browser, `${inject('appUrl')}${hash}`);
  await opened.page.setViewportSize(size);
  return opened;
}

async function sweepState(page: Page): Promise<string | null> {
  return page.evaluate(`${LAB}?.dataset.sweep ?? null`) as Promise<string | null>;
}

async function waitForSweep(page: Page, timeout = 120_000): Promise<void> {
  await expect.poll(() => sweepState(page), { timeout, interval: 250 }).toBe('done');
}

async function snapshot(page: Page): Promise<SweepSnapshot> {
  return page.evaluate(`(() => {
    const r = ${LAB}.lastSweep;
    const m = r.metrics;
    return {
      spec: r.spec,
      growthRate: Array.from(m.growthRate),
      radius: Array.from(m.radius),
      escapeStep: Array.from(m.escapeStep),
      finalX: Array.from(m.finalX),
      finalY: Array.from(m.finalY),
    };
  })()`) as Promise<SweepSnapshot>;
}

/**
 * Whether the float64 game itself moves by more than the tolerance when its start moves by 10⁻⁶
 * (about ten f32 roundings): then the game is chaotic there (large steps on the saturating
 * Dirac-GAN) and no f32 engine can follow the float64 one step for step.
 */
function chaotic(spec: SingleGameSpec): boolean {
  const m = simulateGame(spec).metrics;
  const nudged = simulateGame({
    ...spec,
    x0: spec.x0 + 1e-6 * Math.max(1, Math.abs(spec.x0)),
    y0: spec.y0 - 1e-6 * Math.max(1, Math.abs(spec.y0)),
  }).metrics;
  return Math.abs(m.radius - nudged.radius) > 1e-3 * Math.max(m.radius, nudged.radius, 1e-6);
}

/**
 * Every cell of the heatmap against the float64 engine, in Node. f32 rounding over a preset's steps
 * stays far inside these bounds; a game that grazes the escape radius may escape one step apart.
 * Chaotic cells are counted instead of compared.
 */
function compareWithEngine(s: SweepSnapshot): { mismatches: string[]; chaotic: number } {
  const { x, y } = s.spec.axes;
  const out: string[] = [];
  let skipped = 0;
  const close = (a: number, b: number, rel: number, abs: number) =>
    Math.abs(a - b) <= abs + rel * Math.max(Math.abs(a), Math.abs(b));
  for (let iy = 0; iy < y.count; iy++) {
    for (let ix = 0; ix < x.count; ix++) {
      const i = iy * x.count + ix;
      const cell = cellSpec(s.spec, ix, iy);
      if (chaotic(cell)) {
        skipped++;
        continue;
      }
      const m = simulateGame(cell).metrics;
      const gpuEscape = s.escapeStep[i];
      if (Math.abs(gpuEscape - m.escapeStep) > 1 || gpuEscape < 0 !== m.escapeStep < 0) {
        out.push(`(${ix},${iy}) escapeStep gpu ${gpuEscape} cpu ${m.escapeStep}`);
        continue;
      }
      // Near escape or convergence the last state is one step apart; compare the rest strictly.
      if (gpuEscape !== m.escapeStep) continue;
      if (m.radius < 1e-20) continue;
      if (!close(s.radius[i], m.radius, 2e-3, 1e-5))
        out.push(`(${ix},${iy}) radius gpu ${s.radius[i]} cpu ${m.radius}`);
      if (!close(s.growthRate[i], m.growthRate, 2e-3, 2e-5))
        out.push(`(${ix},${iy}) growthRate gpu ${s.growthRate[i]} cpu ${m.growthRate}`);
      if (!close(s.finalX[i], m.finalX, 2e-3, 1e-4 * Math.max(1, m.radius)))
        out.push(`(${ix},${iy}) finalX gpu ${s.finalX[i]} cpu ${m.finalX}`);
    }
  }
  return { mismatches: out, chaotic: skipped };
}

/** The readout's number format (src/ui/widgets/format-number.ts) for values in its plain range. */
/** The number the readout shows after `label` ("2.21×10⁻⁵" or "0.1472"), as a number. */
function readoutNumber(text: string, label: string): number {
  const m = new RegExp(`${label} (-?[\\d.]+)(?:×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?`).exec(text);
  if (!m) return NaN;
  const exponent = [...(m[2] ?? '')]
    .map((c) => (c === '⁻' ? '-' : '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)))
    .join('');
  return Number(m[1]) * 10 ** Number(exponent || 0);
}

describe('Game Lab', () => {
  it.each(GAME_PRESETS.map((p) => [p.id, p.title]))(
    'preset %s (%s) sets its caption, sweeps, and every cell matches the float64 engine',
    async (id) => {
      const { page, errors } = await open(`#/game?preset=${id}&scale=test`);
      await waitForSweep(page);
      const caption = page.locator('ss-game-lab ss-preset-bar [data-testid=caption]');
      const preset = GAME_PRESETS.find((p) => p.id === id);
      await expect.poll(() => caption.textContent()).toContain(preset?.title);
      const s = await snapshot(page);
      expect(s.spec.axes.x.count).toBe(32);
      // The test scale shrinks the grid only; the steps, on which a game's fate depends, stay.
      expect(s.spec.steps).toBe((preset?.spec as { steps?: number }).steps);
      expect(s.spec.method.name).toBe(
        (preset?.spec.method as { name?: string }).name ?? preset?.spec.method,
      );
      const comparison = compareWithEngine(s);
      expect(comparison.mismatches).toEqual([]);
      expect(comparison.chaotic).toBeLessThan(0.05 * s.radius.length);
      await page.screenshot({ path: `test-output/game-lab-preset-${id}.png` });
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('reports the sweep throughput on the status line', async () => {
    const { page } = await open('#/game?preset=sim-gda-diverges&scale=test');
    await waitForSweep(page);
    await expect
      .poll(() => page.locator('ss-status-line').evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toMatch(/Last sweep 32×32 × 1,?000 steps: .* game-steps\/s/);
    await page.close();
  });

  it('loads the game of a clicked cell into the single-game views', async () => {
    const { page, errors } = await open('#/game?preset=eg-ogda-converge&scale=test');
    await waitForSweep(page);
    const [ix, iy] = [9, 22];
    const point = (await page.evaluate(
      `${LAB}.shadowRoot.querySelector('ss-sweep-heatmap').cellCenter(${ix}, ${iy})`,
    )) as { x: number; y: number };
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.evaluate(`${LAB}.state.view.cell`)).toEqual({ ix, iy });
    const played = (await page.evaluate(`(() => {
      const g = ${LAB}.state.games[0];
      return { spec: g.spec, radius: g.metrics.radius, escape: g.metrics.escapeStep };
    })()`)) as { spec: unknown; radius: number; escape: number };
    const s = await snapshot(page);
    const expected = cellSpec(s.spec, ix, iy);
    expect(played.spec).toEqual(expected);
    const engine = simulateGame(expected).metrics;
    expect(played.radius).toBe(engine.radius);
    const i = iy * s.spec.axes.x.count + ix;
    expect(s.radius[i]).toBeCloseTo(engine.radius, 4);
    await expect
      .poll(() => page.locator('ss-game-lab [data-testid=current-game]').textContent())
      .toContain(`cell (${ix}, ${iy})`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads a cell under the pointer, and re-sweeps a dragged rectangle at full resolution', async () => {
    const { page, errors } = await open('#/game?preset=eg-ogda-converge&scale=test');
    await waitForSweep(page);
    const before = await snapshot(page);
    const centre = (ix: number, iy: number) =>
      page.evaluate(
        `${LAB}.shadowRoot.querySelector('ss-sweep-heatmap').cellCenter(${ix}, ${iy})`,
      ) as Promise<{ x: number; y: number }>;
    const a = await centre(4, 6);
    await page.mouse.move(a.x, a.y);
    const i = 6 * 32 + 4;
    // The readout rounds to three or four significant digits.
    await expect
      .poll(async () => {
        const text = await page
          .locator('ss-game-lab ss-sweep-heatmap [data-testid=readout]')
          .textContent();
        return Math.abs(readoutNumber(text ?? '', 'radius') / before.radius[i] - 1);
      })
      .toBeLessThan(5e-3);
    const b = await centre(20, 25);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 5 });
    await page.mouse.up();
    // The new window's sweep replaces the old one once it has finished.
    await expect
      .poll(() => page.evaluate(`${LAB}.lastSweep.spec.axes.x.from`), { timeout: 120_000 })
      .not.toBe(before.spec.axes.x.from);
    const after = await snapshot(page);
    expect(after.spec.axes.x).toMatchObject({
      from: cellSpec(before.spec, 4, 6).lr,
      to: cellSpec(before.spec, 20, 25).lr,
      count: 32,
    });
    expect(after.spec.axes.y).toMatchObject({
      from: cellSpec(before.spec, 4, 6).x0,
      to: cellSpec(before.spec, 20, 25).x0,
      count: 32,
    });
    expect(compareWithEngine(after).mismatches).toEqual([]);
    // The caption stays and says it is a zoom; the controls show the exact ends to a few digits.
    const bar = page.locator('ss-game-lab ss-preset-bar');
    expect(await bar.locator('[data-testid=caption]').textContent()).toContain(
      'Extragradient and optimistic GDA converge',
    );
    expect(await bar.locator('[data-testid=zoom-note]').textContent()).toContain('Back out');
    const shownFrom = await page
      .locator('ss-game-lab ss-game-controls ss-number-field[data-path="axes.x.from"] input')
      .inputValue();
    expect(shownFrom).toBe(String(Number(after.spec.axes.x.from.toPrecision(4))));
    await page.locator('ss-game-lab .panel.heat').getByRole('button', { name: 'Back out' }).click();
    await expect
      .poll(() => page.evaluate(`${LAB}.state.view.spec.axes.x.from`))
      .toBe(before.spec.axes.x.from);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores the whole view from its URL', async () => {
    const { page } = await open('#/game?preset=negative-momentum&scale=test');
    await waitForSweep(page);
    await page.evaluate(`(() => {
      const s = ${LAB}.state;
      s.edit('lr', 0.37);
      s.edit('method.beta', -0.3);
      s.setMetric('radius');
      s.setOverlays(['eg', 'ogda']);
      s.selectCell({ ix: 5, iy: 7 });
      s.setPlayhead(40);
      s.setCamera({ azimuth: 20, elevation: 45 });
    })()`);
    const viewBefore = await page.evaluate(`JSON.stringify(${LAB}.state.view)`);
    await expect.poll(() => page.evaluate('location.hash')).toContain('cell=5%2C7');
    const hash = (await page.evaluate('location.hash')) as string;
    const { page: second } = await open(hash);
    const viewAfter = await second.evaluate(`JSON.stringify(${LAB}.state.view)`);
    expect(JSON.parse(viewAfter as string)).toEqual(JSON.parse(viewBefore as string));
    await expect
      .poll(() =>
        second
          .locator('ss-game-lab ss-game-controls [data-path="lr"]')
          .evaluate((el) => (el as unknown as { value: number }).value),
      )
      .toBe(0.37);
    await page.close();
    await second.close();
  });

  it('exports the sweep as sweep.json and CSV, and the views as PNG', async () => {
    const { page } = await open('#/game?preset=consensus&scale=test');
    await waitForSweep(page);
    const s = await snapshot(page);
    const heat = page.locator('ss-game-lab .panel.heat');
    const save = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        heat.getByRole('button', { name: button, exact: true }).click(),
      ]);
      return {
        name: download.suggestedFilename(),
        text: readFileSync((await download.path()) as string),
      };
    };
    const json = await save('JSON');
    expect(json.name).toBe('sweep.json');
    const saved = JSON.parse(json.text.toString('utf8'));
    expect(saved.spec).toEqual(s.spec);
    expect(saved.adapter).toMatch(/swiftshader/);
    // The file writes each f32 with the fewest digits that read back as the same f32.
    expect(saved.metrics.growthRate.map(Math.fround)).toEqual(s.growthRate);
    expect(saved.metrics.escapeStep).toEqual(s.escapeStep);
    const csv = await save('CSV');
    const lines = csv.text.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'ix,iy,lr,method.gamma,finalX,finalY,radius,growthRate,escapeStep,maxRadius,fate',
    );
    expect(lines).toHaveLength(1 + 32 * 32);
    expect(Math.fround(Number(lines[1 + 33].split(',')[7]))).toBe(s.growthRate[33]);
    const png = await save('Save heatmap as PNG');
    expect(png.name).toBe('saddle-stride-heatmap.png');
    expect(png.text.subarray(1, 4).toString('latin1')).toBe('PNG');
    await page.close();
  });

  it('refuses a bad expression and an out-of-range value at the field, with the reason', async () => {
    const { page } = await open('#/game?preset=sim-gda-diverges&scale=test');
    const controls = page.locator('ss-game-lab ss-game-controls');
    await controls.locator('select[data-path="game.name"]').selectOption('expression');
    const f = controls.locator('input[data-path="game.f"]');
    await f.fill('x*y + (y');
    await f.press('Enter');
    await f.blur();
    const fReason = controls.locator('.text [role=alert]');
    await expect.poll(() => fReason.textContent()).toMatch(/missing '\)'/);
    await expect.poll(() => fReason.locator('.caret').textContent()).toBe('x*y + (y\n      ^');
    expect(await page.evaluate(`${LAB}.state.view.spec.game.f`)).toBe('x*y');

    const lr = controls.locator('ss-number-field[data-path="lr"] input');
    await lr.fill('-0.5');
    await lr.press('Enter');
    const lrReason = controls.locator('ss-number-field[data-path="lr"] [role=alert]');
    await expect
      .poll(() => lrReason.textContent())
      .toBe('must be a number greater than 0, got -0.5');
    await lr.fill('fast');
    await lr.press('Enter');
    await expect.poll(() => lrReason.textContent()).toBe("'fast' is not a number");
    const count = controls.locator('ss-number-field[data-path="axes.x.count"] input');
    await count.fill('5000');
    await count.press('Enter');
    await expect
      .poll(() =>
        controls.locator('ss-number-field[data-path="axes.x.count"] [role=alert]').textContent(),
      )
      .toBe('must be an integer from 1 to 4096, got 5000');
    expect(await page.evaluate(`${LAB}.state.view.spec.lr`)).toBe(GAME_PRESETS[0].spec.lr);
    await page.screenshot({ path: 'test-output/game-lab-field-errors.png' });
    await page.close();
  });

  it('shows why a link could not be used', async () => {
    const { page } = await open('#/game?game=bilinear&lr=-2&x=lr,0.01,1,16,log');
    await expect
      .poll(() => page.locator('ss-game-lab [data-testid=link-error]').textContent())
      .toContain('lr: must be a number greater than 0, got -2');
    await page.close();
  });

  it('cancels a long sweep, and the page keeps answering while it runs', async () => {
    const { page } = await open(
      '#/game?game=bilinear&method=eg&lr=0.1&x=lr,0.001,0.01,1024,log&y=x0,-2,2,1024,linear&steps=100000',
    );
    await expect.poll(() => sweepState(page), { timeout: 60_000 }).toBe('running');
    await expect
      .poll(() => page.locator('ss-game-lab ss-sweep-heatmap [data-testid=sweep-progress]').count())
      .toBe(1);
    const started = Date.now();
    expect(await page.evaluate('1 + 1')).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Games done, percentage and (once known) time left read from the same progress.
    const progress = /^Sweeping: ([\d,]+) of 1,048,576 games · (\d+) %/.exec(
      ((await page.locator('ss-game-lab [data-testid=sweep-status]').textContent()) ?? '').trim(),
    );
    expect(progress).not.toBeNull();
    const games = Number(progress?.[1].replaceAll(',', ''));
    expect(Math.abs((games / 1_048_576) * 100 - Number(progress?.[2]))).toBeLessThanOrEqual(1);
    await page.locator('ss-game-lab button.cancel').click();
    await expect.poll(() => sweepState(page)).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await sweepState(page)).toBe('cancelled');
    expect(await page.evaluate(`${LAB}.lastSweep`)).toBeNull();
    // No sweep finished: the heatmap's place and the line under it say so, and agree.
    expect(await page.locator('ss-game-lab [data-testid=empty-heatmap]').textContent()).toContain(
      'Sweep cancelled',
    );
    expect(await page.locator('ss-game-lab ss-sweep-heatmap').count()).toBe(0);
    expect(await page.locator('ss-game-lab [data-testid=sweep-status]').textContent()).toContain(
      'no sweep has finished yet',
    );
    await page.close();
  });

  it('presents: arrow keys step through the presets, Escape leaves', async () => {
    const { page } = await open('#/game?preset=sim-gda-diverges&scale=test');
    await page.locator('ss-game-lab button.present').click();
    await expect.poll(() => page.evaluate(`${LAB}.hasAttribute('presenting')`)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(`${LAB}.state.view.preset`)).toBe(GAME_PRESETS[1].id);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(`${LAB}.state.view.preset`)).toBe(GAME_PRESETS[1].id);
    await waitForSweep(page);
    expect(await page.evaluate(`${LAB}.lastSweep.spec.axes.x.count`)).toBe(32);
    await page.screenshot({ path: 'test-output/game-lab-presenting.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(`${LAB}.hasAttribute('presenting')`)).toBe(false);
    await page.close();
  });

  it.each([
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ])('screenshots every view at $width×$height', async (size) => {
    {
      const { page, errors } = await open('#/game?preset=eg-ogda-converge&scale=test', size);
      await waitForSweep(page);
      await page.screenshot({ path: `test-output/game-lab-${size.width}.png`, fullPage: true });
      for (const panel of [
        'heat',
        'orbit',
        'xy',
        'radius',
        'theory',
        'surface',
        'field',
        'eigen',
      ]) {
        await page
          .locator(`ss-game-lab .panel.${panel}`)
          .screenshot({ path: `test-output/game-lab-${size.width}-${panel}.png` });
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('takes the README screenshot: the default view after its sweep', async () => {
    const { page, errors } = await open('#/game', { width: 1600, height: 1000 });
    // A first visit opens the first preset, caption shown, under a sentence on how to read it.
    expect(await page.evaluate(`${LAB}.state.view.preset`)).toBe(GAME_PRESETS[0].id);
    expect(
      await page.locator('ss-game-lab ss-preset-bar [data-testid=caption]').textContent(),
    ).toContain(GAME_PRESETS[0].caption.slice(0, 40));
    expect(await page.locator('ss-game-lab [data-testid=explain]').textContent()).toMatch(
      /x maximises f\(x, y\), y minimises it\. Each heatmap cell is one game/,
    );
    await waitForSweep(page, 170_000);
    await page.screenshot({ path: 'test-output/screenshots/game-lab.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
