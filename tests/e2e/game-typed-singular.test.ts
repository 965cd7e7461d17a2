import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/chromium.js';

// A typed game whose field is singular at the equilibrium (0, 0): the views and the theory
// panels must carry on with a note, never an uncaught error or the previous game's ρ.
const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

describe('typed games with a singularity', () => {
  it('log(x)*y, 1/x*y and sqrt(x)*y: typed, swept and played, no page error, and the theory panels say why there is no ρ', async () => {
    const { page, errors } = await openPage(
      browser,
      `${inject('appUrl')}#/game?preset=sim-gda-diverges&scale=test`,
    );
    await page.setViewportSize({ width: 1920, height: 1080 });
    const lab = page.locator('ss-game-lab');
    const controls = lab.locator('ss-game-controls');
    const theoryNote = lab.locator('ss-theory-plot [data-testid=theory-note]');
    const eigenLegend = lab.locator('ss-eigenvalue-plot [data-testid=eigen-legend]');
    // The preset's own game has a ρ: the panels show it before the typed game replaces it.
    await expect.poll(() => eigenLegend.textContent()).toMatch(/ρ = max \|λ\| = 1\.0/);
    await controls.locator('select[data-path="game.name"]').selectOption('expression');
    const field = controls.locator('input[data-path="game.f"]');
    for (const f of ['log(x)*y', '1/x*y', 'sqrt(x)*y']) {
      await field.fill(f);
      await field.press('Enter');
      await expect.poll(() => page.evaluate(`${LAB}.state.view.spec.game.f`)).toBe(f);
      await expect
        .poll(() => page.evaluate(`${LAB}.dataset.sweep`), { timeout: 120_000, interval: 250 })
        .toBe('done');
      // Play it through: every frame of every view draws the game.
      await lab.getByRole('button', { name: 'Play' }).click();
      await expect
        .poll(() => page.evaluate(`${LAB}.state.playing`), { timeout: 60_000 })
        .toBe(false);
      await expect.poll(() => theoryNote.first().textContent()).toMatch(/not finite at \(0, 0\)/);
      expect(await lab.locator('ss-theory-plot ss-uplot').count(), f).toBe(0);
      expect(await eigenLegend.textContent(), f).not.toMatch(/ρ = /);
      expect(await eigenLegend.textContent(), f).toMatch(
        /no eigenvalues — the field is not finite/,
      );
      expect(errors, f).toEqual([]);
    }
    await page.screenshot({ path: 'test-output/game-typed-singular.png' });
    await page.close();
  }, 400_000);

  it('rebuilds the charts’ axes at the host’s new font size (presentation mode enlarges it)', async () => {
    const { page, errors } = await openPage(
      browser,
      `${inject('appUrl')}#/game?preset=sim-gda-diverges&scale=test`,
    );
    const chart = (tag: string) =>
      `${LAB}.shadowRoot.querySelector('${tag}').shadowRoot.querySelector('ss-uplot').chart`;
    const fonts = (tag: string) =>
      page.evaluate(`${chart(tag)}?.axes.map((a) => String(a.font)).join(' | ') ?? ''`);
    const tags = ['ss-game-plot', 'ss-theory-plot'];
    for (const tag of tags) {
      await expect.poll(() => fonts(tag)).toMatch(/^\d+(\.\d+)?px/);
      expect(await fonts(tag)).not.toMatch(/37px/);
      await page.evaluate(`${LAB}.shadowRoot.querySelector('${tag}').style.fontSize = '37px'`);
    }
    // As presentation mode does: the views change size along with their font.
    await page.setViewportSize({ width: 1500, height: 950 });
    for (const tag of tags) await expect.poll(() => fonts(tag)).toMatch(/37px.*\| .*37px/);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
