import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEED_EXAMPLES } from '../../src/core/conv/index.js';
import { CONV_SLIDES } from '../../src/labs/conv/conv-slides.js';
import { launchChromium } from '../helpers/chromium.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync('test-output', { recursive: true });
  // A README-ready slide: copied to docs/screenshots only by `npm run screenshots`, never by tests.
  mkdirSync('test-output/screenshots', { recursive: true });
});
afterAll(() => browser?.close());

describe('Conv Lab slides', () => {
  it('has a slide for each seed example and each checkerboard comparison', () => {
    expect(CONV_SLIDES.filter((s) => s.kind === 'seed').length).toBe(SEED_EXAMPLES.length);
    expect(CONV_SLIDES.map((s) => s.kind).slice(SEED_EXAMPLES.length)).toEqual([
      'numbers',
      'numbers',
      'numbers',
      'overlap',
      'images',
    ]);
  });

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ] as const) {
    it(`shows every slide 16:9 at ${width} × ${height}, views filling it, with a counter; keys step and Esc leaves`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${inject('appUrl')}#/conv`);
      await page.getByRole('button', { name: 'Present' }).click();
      const slide = page.locator('ss-conv-slide-view section.slide');
      const counter = page.locator('ss-conv-slide-view [data-testid=slide-counter]');
      const count = CONV_SLIDES.length;
      for (let i = 0; i < count; i++) {
        await expect.poll(() => counter.textContent()).toBe(`${i + 1} / ${count}`);
        await expect
          .poll(() => page.locator('ss-conv-slide-view h2').textContent())
          .toBe(CONV_SLIDES[i].title);
        const box = await slide.boundingBox();
        if (!box) throw new Error('no slide');
        // 16:9, as large as the window allows.
        expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.005);
        expect(box.width).toBeGreaterThanOrEqual(width - 2);
        expect(box.height).toBeLessThanOrEqual(height);
        const title = await page
          .locator('ss-conv-slide-view h2')
          .evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
        expect(title).toBeGreaterThanOrEqual(height / 22);
        // The views fill the slide's width and stay inside its views area (nothing clipped).
        const area = await page
          .locator('ss-conv-slide-view [data-testid=slide-views]')
          .boundingBox();
        if (!area) throw new Error('no views area');
        if (CONV_SLIDES[i].kind === 'seed' && !SEED_EXAMPLES[i].transposed) {
          // The slide's arithmetic, checked by the GPU for the same cell.
          await expect
            .poll(() => page.locator('ss-conv-slide-view [data-testid=dot-gpu]').textContent(), {
              timeout: 60_000,
            })
            .toContain('✓');
        }
        const shown = CONV_SLIDES[i];
        if (shown.kind === 'numbers' && shown.part !== 'scatter') {
          // The transposed arithmetic, checked by the GPU.
          const [check, ok] =
            shown.part === 'compare'
              ? ['scatter-gather-verdict', /✓ scatter and gather agree.*✓ and so does the GPU/s]
              : ['gather', /GPU -?\d+ ✓/];
          await expect
            .poll(() => page.locator(`ss-conv-slide-view [data-testid=${check}]`).textContent(), {
              timeout: 60_000,
            })
            .toMatch(ok);
        }
        if (CONV_SLIDES[i].kind === 'images') {
          await expect
            .poll(() => page.locator('ss-conv-slide-images ss-conv-tensor-card').count(), {
              timeout: 120_000,
            })
            .toBe(3);
        }
        const views = await page.locator('ss-conv-slide-view .view').evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }),
        );
        expect(views.length).toBeGreaterThan(0);
        const left = Math.min(...views.map((v) => v.left));
        const right = Math.max(...views.map((v) => v.right));
        expect(right - left).toBeGreaterThan(0.9 * area.width);
        for (const v of views) expect(v.bottom).toBeLessThanOrEqual(area.y + area.height + 1);
        // Every canvas on the slide has been drawn at a useful size.
        const canvases = await page
          .locator('ss-conv-slide-view canvas')
          .evaluateAll((els) => els.map((c) => c.getBoundingClientRect().height));
        for (const h of canvases) expect(h).toBeGreaterThan(height / 4);
        await page.screenshot({ path: `test-output/conv-slide-${width}x${height}-${i + 1}.png` });
        if (width === 1920 && i === 2)
          await page.screenshot({ path: 'test-output/screenshots/conv-slide.png' });
        await page.keyboard.press(i % 2 ? 'ArrowRight' : 'PageDown');
      }
      // Past the last slide it stays; back with PageUp and ArrowLeft.
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => counter.textContent()).toBe(`${count} / ${count}`);
      await page.keyboard.press('PageUp');
      await expect.poll(() => counter.textContent()).toBe(`${count - 1} / ${count}`);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => counter.textContent()).toBe(`${count - 2} / ${count}`);
      // A focused output grid keeps its arrow keys: the window moves, the slide stays.
      for (let i = count - 2; i > 0; i--) await page.keyboard.press('PageUp');
      await expect.poll(() => counter.textContent()).toBe(`1 / ${count}`);
      await page.locator('ss-conv-slide-view ss-conv-dot-product-view .output').focus();
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.locator('ss-conv-slide-view ss-conv-dot-product-view h3').textContent())
        .toContain('output (0, 1)');
      expect(await counter.textContent()).toBe(`1 / ${count}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('ss-conv-slide-view').count()).toBe(0);
      await expect.poll(() => page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
      expect(errors).toEqual([]);
      await page.close();
    }, 300_000);
  }
});
