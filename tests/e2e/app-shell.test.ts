import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
});
afterAll(() => browser?.close());

describe('app shell', () => {
  it('opens the Game Lab by default, names the WebGPU adapter, and logs no error', async () => {
    const { page, errors } = await openPage(browser, inject('appUrl'));
    const adapter = page.locator('ss-status-line [data-testid=adapter]');
    await expect.poll(() => adapter.textContent()).toMatch(/WebGPU: google swiftshader/);
    await expect
      .poll(() => page.locator('header nav [role=tab][aria-selected=true]').textContent())
      .toBe('Game Lab');
    await expect.poll(() => page.locator('ss-game-lab h2').textContent()).toBe('Game Lab');
    await page.screenshot({ path: 'test-output/game-lab.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reaches the Conv Lab by its tab and by the URL #/conv', async () => {
    const { page, errors } = await openPage(browser, inject('appUrl'));
    await page.getByRole('tab', { name: 'Conv Lab' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/conv$/);
    await expect.poll(() => page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
    await page.goto(`${inject('appUrl')}#/game`);
    await page.goto(`${inject('appUrl')}#/conv`);
    await expect
      .poll(() => page.locator('header nav [role=tab][aria-selected=true]').textContent())
      .toBe('Conv Lab');
    await page.screenshot({ path: 'test-output/conv-lab.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says what is missing, instead of a blank page, where the browser has no WebGPU', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
    });
    await page.goto(inject('appUrl'));
    const alert = page.locator('ss-app [role=alert]');
    await expect.poll(() => alert.textContent()).toMatch(/WebGPU is not available/);
    await expect.poll(() => alert.textContent()).toMatch(/navigator\.gpu is missing/);
    await expect
      .poll(() => page.locator('ss-status-line [data-testid=adapter]').textContent())
      .toBe('WebGPU: not available');
    await page.close();
  });
});
