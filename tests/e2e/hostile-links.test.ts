import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mulberry32 } from '../../src/core/random.js';
import { launchChromium, openPage } from '../helpers/chromium.js';

// Random hostile links (issue: "no input, link or size can freeze the tab"): huge sizes, costly
// expressions, broken stacks and junk values, each opened on a fresh page. A link may be refused
// or shown, but the page must keep answering and must not throw.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * Whether the page's main thread answers a trivial evaluate within `ms`. A frozen tab never
 * answers; the bound is generous because CI shares two cores with SwiftShader's GPU process.
 */
async function answers(page: Page, ms = 15_000): Promise<boolean> {
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([page.evaluate(() => true), timer]);
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];

const HUGE = ['1e308', '-1e308', '3e38', '1e39', '100000000000', '-1', '0', 'NaN', 'Infinity', ''];

function hostileExpression(random: () => number): string {
  const factor = pick(random, ['(x+y)', 'sin(x*y)', 'exp(x)', 'log(x)', '1/x', 'sqrt(x-y)', 'x^y']);
  switch (pick(random, ['product', 'nest', 'sum', 'junk'] as const)) {
    case 'product':
      return Array.from({ length: 20 + Math.floor(random() * 300) }, () => factor).join('*');
    case 'nest': {
      const depth = 10 + Math.floor(random() * 40);
      return `${'sin('.repeat(depth)}x*y${')'.repeat(depth)}`;
    }
    case 'sum':
      return `x*y+${Array.from({ length: 30 }, () => `1e-20*${factor}`).join('+')}`;
    case 'junk':
      return pick(random, ['x**', '((((', 'x*y)', 'exp(1000)', 'log(0)*y', '(-2)^0.5', '1e39*x*y']);
  }
}

function hostileGameHash(random: () => number): string {
  const q = new URLSearchParams();
  q.set('game', pick(random, ['bilinear', 'quadratic', 'dirac-gan', 'expression', 'nope']));
  q.set('game.f', hostileExpression(random));
  q.set('game.b', pick(random, HUGE));
  q.set('method', pick(random, ['sim-gda', 'sga', 'consensus', 'adam', 'hgd', 'eg', 'bogus']));
  q.set('lr', pick(random, ['0.1', ...HUGE]));
  q.set('steps', pick(random, ['100', '100000', '1e9', '-5', '2.5']));
  q.set('escapeRadius', pick(random, ['1e6', '1e300', '0', '-1']));
  const count = pick(random, ['64', '4096', '100000', '0', '-3']);
  q.set('x', `lr,${pick(random, HUGE)},${pick(random, HUGE)},${count},log`);
  q.set('y', `${pick(random, ['x0', 'game.b', 'method.beta', 'a.b.c'])},-2,2,${count},linear`);
  q.set('metric', pick(random, ['growthRate', 'escapeStep', 'maxRadius', 'nope']));
  q.set('cell', pick(random, ['0,0', '4095,4095', '-1,2', '1e9,1e9', 'a,b']));
  q.set('t', pick(random, ['0', '99999', '-1', '1e300']));
  q.set('scale', 'test');
  return `#/game?${q.toString()}`;
}

function hostileConvHash(random: () => number): string {
  const q = new URLSearchParams();
  const n = () => pick(random, ['1', '3', '100000000', '100000000000', '-4', '0', '1e9', 'x']);
  q.set('tab', pick(random, ['layer', 'stack', 'images', 'nope']));
  q.set('kind', pick(random, ['conv', 'transposed']));
  q.set('in', [n(), n(), n(), n()].join(','));
  q.set('cout', n());
  q.set('k', n());
  q.set('s', n());
  q.set('p', pick(random, [n(), 'same', 'valid']));
  q.set('d', n());
  q.set('opad', n());
  q.set('g', n());
  q.set(
    'stack',
    pick(random, [
      `nn.Sequential(nn.Conv2d(3, 4, 3, padding=${n()}), nn.ReLU())`,
      `nn.ConvTranspose2d(1, 1, ${n()}, stride=${n()})`,
      'nn.Sequential(' + 'nn.Conv2d(4, 4, 3), nn.ReLU(), '.repeat(300) + ')',
      'nn.Linear(8*31*31, 10',
    ]),
  );
  q.set('sin', [n(), n(), n(), n()].join(','));
  return `#/conv?${q.toString()}`;
}

describe('hostile links', () => {
  it('open the reported expression links without freezing: a 100-factor product, sin nested 30 deep', async () => {
    const product = Array.from({ length: 100 }, () => '(x+y)').join('*');
    const nested = `${'sin('.repeat(30)}x*y${')'.repeat(30)}`;
    for (const f of [product, nested]) {
      const hash = `#/game?game=expression&game.f=${encodeURIComponent(f)}&method=sga&scale=test`;
      const { page, errors } = await openPage(browser, `${inject('appUrl')}${hash}`);
      await expect.poll(() => page.locator('ss-game-lab h2').count()).toBe(1);
      expect(await answers(page), `the page stopped answering for ${f}`).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 300_000);

  it('leave the page answering and throw nothing, for 24 random game and conv links', async () => {
    const random = mulberry32(20261130);
    for (let i = 0; i < 24; i++) {
      const hash = i % 2 === 0 ? hostileGameHash(random) : hostileConvHash(random);
      const { page, errors } = await openPage(browser, `${inject('appUrl')}${hash}`);
      const lab = hash.startsWith('#/game') ? 'ss-game-lab' : 'ss-conv-lab';
      await expect.poll(() => page.locator(`${lab} h2`).count(), { message: hash }).toBe(1);
      // Once on load, and again after the work a link starts (a sweep, a replay) is under way.
      expect(await answers(page), `the page stopped answering for ${hash}`).toBe(true);
      await page.waitForTimeout(1000);
      expect(await answers(page), `the page stopped answering for ${hash}`).toBe(true);
      expect(errors, hash).toEqual([]);
      await page.close();
    }
  }, 600_000);
});
