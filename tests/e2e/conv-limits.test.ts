/**
 * Issue 11: links with huge sizes used to freeze the tab (a transposed layer with padding 10¹¹)
 * or throw "Invalid array length" and render blank (a stack with padding 10⁸). The page must
 * answer, raise no error and show the shape or PyTorch's message.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function openLab(hash: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, `${inject('appUrl')}${hash}`);
  await expect.poll(() => opened.page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
  return opened;
}

/** A round trip into the page: only answers while its main thread is free. */
const answers = (page: Page) => page.evaluate(() => 1 + 1);

describe('Conv Lab with sizes too large to draw', () => {
  it('a transposed layer with padding 10¹¹ shows PyTorch\'s "Output size is too small" at once', async () => {
    const { page, errors } = await openLab(
      '#/conv?kind=transposed&in=1,1,2,2&cout=1&k=3&p=100000000000',
    );
    expect(await answers(page)).toBe(2);
    await expect
      .poll(() => page.locator('ss-conv-shape-form p.message').innerText({ timeout: 5_000 }))
      .toContain('Output size is too small');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a convolution with padding 10⁸ states its shape instead of drawing it', async () => {
    const { page, errors } = await openLab(
      '#/conv?kind=conv&in=1,3,8,8&cout=4&k=3&s=1&p=100000000',
    );
    expect(await answers(page)).toBe(2);
    const note = page.locator('#too-large-to-draw');
    await expect.poll(() => note.innerText({ timeout: 5_000 })).toContain('Too large to draw');
    expect(await note.innerText()).toContain('1 × 4 × 200,000,006 × 200,000,006');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a stack link with padding=100000000 traces the shape', async () => {
    const stack = encodeURIComponent('Conv2d(3, 4, 3, padding=100000000)');
    const { page, errors } = await openLab(`#/conv?tab=stack&stack=${stack}&sin=1,3,8,8`);
    expect(await answers(page)).toBe(2);
    await expect
      .poll(() =>
        page.locator('ss-conv-layer-tracer td.shape').last().innerText({ timeout: 5_000 }),
      )
      .toContain('[1, 4, 200000006, 200000006]');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
