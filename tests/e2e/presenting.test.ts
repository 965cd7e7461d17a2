import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';

// The app built as `npm run serve` builds it (a plain `vite build`, so production Lit: the e2e
// tier's global setup builds under Vitest's NODE_ENV=test), into a temporary folder, and served
// as a talk laptop or a web space would: by scripts/serve.mjs, under a sub-path. Beside it, a
// plain page (a deck, a blog post) that embeds the app; it is opened as http://localhost:…, the
// app as http://127.0.0.1:…, so the embed is cross-origin as on a real host.
const BASE = '/talks/saddle/';
const LAB = `document.querySelector('ss-app').shadowRoot.querySelector('ss-game-lab')`;

let browser: Browser;
let server: ChildProcess;
let appUrl: string;
let deckUrl: string;
let dir: string;

const DECK = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>A deck</title></head>
  <body style="margin: 0; padding: 40px">
    <iframe id="app" width="800" height="450" style="border: 0"></iframe>
    <script>
      window.keys = [];
      window.messages = [];
      addEventListener('keydown', (e) => keys.push(e.key));
      addEventListener('message', (e) => messages.push(e.data));
      document.getElementById('app').src = new URLSearchParams(location.search).get('src');
    </script>
  </body>
</html>
`;

beforeAll(async () => {
  mkdirSync('test-output', { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'saddle-stride-presenting-'));
  const env = { ...process.env };
  delete env.NODE_ENV;
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      dir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { env, stdio: 'inherit' },
  );
  writeFileSync(join(dir, 'deck.html'), DECK);
  server = spawn(
    process.execPath,
    ['scripts/serve.mjs', '--port', '0', '--host', '127.0.0.1', '--base', BASE, '--dir', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  appUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/\S+/.exec(out)?.[0];
      if (url) resolve(url);
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
  });
  deckUrl = `${appUrl.replace('127.0.0.1', 'localhost')}deck.html`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every request a page (and its frames) makes, every failed response, and the console. */
function watch(page: Page) {
  const requests: string[] = [];
  const failures: string[] = [];
  const console: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  return { requests, failures, console };
}

/** The requests that left the app's origin (but for the deck page itself; data: URLs fetch nothing). */
function offOrigin(requests: string[]): string[] {
  const origin = new URL(appUrl).origin;
  return requests.filter(
    (url) => !url.startsWith('data:') && !url.startsWith(deckUrl) && new URL(url).origin !== origin,
  );
}

// SwiftShader renders and computes on the CPU, shared with the test runner: the first sweep in a
// fresh browser (shader compilation included) has taken up to two minutes on a busy machine.
describe('presenting', () => {
  it('runs a preset from dist/ served under a sub-path, with no dev-mode warning and no request leaving the origin', async () => {
    expect(appUrl).toMatch(/\/talks\/saddle\/$/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const seen = watch(page);
    await page.goto(`${appUrl}#/game?preset=sim-gda-diverges&scale=test`);
    await expect
      .poll(() => page.evaluate(`${LAB}?.dataset.sweep ?? null`), { timeout: 240_000 })
      .toBe('done');
    expect(await page.evaluate(`${LAB}.state.view.preset`)).toBe('sim-gda-diverges');
    // The page's own policy keeps every load, fetch and connection on its origin.
    expect(
      await page.evaluate(
        `document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? ''`,
      ),
    ).toMatch(/default-src 'self'.*connect-src 'self'/);
    // The Conv Lab, with its sample photograph, from the same sub-path.
    await page.getByRole('tab', { name: 'Conv Lab' }).click();
    await expect.poll(() => page.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
    const photo = await page.evaluate(async () => (await fetch('./samples/coffee.jpg')).status);
    expect(photo).toBe(200);

    expect(seen.failures).toEqual([]);
    expect(seen.console.filter((line) => /^(error|pageerror)/.test(line))).toEqual([]);
    expect(seen.console.filter((line) => /dev mode/i.test(line))).toEqual([]);
    expect(offOrigin(seen.requests)).toEqual([]);
    // Relative asset paths: everything the app loads lies under the sub-path.
    const paths = seen.requests.filter((u) => u.startsWith('http')).map((u) => new URL(u).pathname);
    expect(paths.length).toBeGreaterThan(1);
    expect(paths.filter((p) => !p.startsWith(BASE))).toEqual([]);
    await page.close();
  }, 300_000);

  it('embeds chosen views in an iframe of a plain page, sized to it, clickable, leaving the deck its keys', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const seen = watch(page);
    const src = `${appUrl}#/game?preset=sim-gda-diverges&scale=test&present=1&embed=heatmap,orbit`;
    await page.goto(`${deckUrl}?src=${encodeURIComponent(src)}`);
    const appFrame = async (): Promise<Frame> => {
      const frame = await (await page.locator('#app').elementHandle())?.contentFrame();
      if (!frame) throw new Error('the deck has no frame');
      return frame;
    };
    let frame = await appFrame();
    await expect
      .poll(async () => (await appFrame()).evaluate(`${LAB}?.dataset.sweep ?? null`), {
        timeout: 240_000,
      })
      .toBe('done');
    frame = await appFrame();

    // embed moved from the hash to the query string (the lab rewrites only the hash); no slides.
    expect(frame.url()).toMatch(/\?embed=heatmap,orbit#\/game\?/);
    expect(frame.url().split('#')[1]).not.toMatch(/embed|present/);
    expect(await frame.evaluate(`${LAB}.state.view.presenting`)).toBe(false);

    // Just the chosen views: no header, tabs, controls, presets or status line.
    expect(await frame.locator('ss-app h1').isVisible()).toBe(false);
    expect(await frame.getByRole('tab', { name: 'Conv Lab' }).isVisible()).toBe(false);
    expect(await frame.locator('ss-status-line').isVisible()).toBe(false);
    expect(await frame.locator('ss-game-lab .controls').isVisible()).toBe(false);
    expect(await frame.locator('ss-game-lab ss-preset-bar').isVisible()).toBe(false);
    expect(await frame.locator('ss-game-lab .panel.heat').isVisible()).toBe(true);
    expect(await frame.locator('ss-game-lab .panel.orbit').isVisible()).toBe(true);
    for (const hidden of ['xy', 'radius', 'surface', 'field', 'theory', 'eigen'])
      expect(await frame.locator(`ss-game-lab .panel.${hidden}`).isVisible()).toBe(false);

    // Sized to the frame: the views fill it without scrolling.
    const frameBox = (await page.locator('#app').boundingBox())!;
    const heat = (await frame.locator('ss-game-lab ss-sweep-heatmap canvas').boundingBox())!;
    const orbit = (await frame.locator('ss-game-lab .panel.orbit').boundingBox())!;
    for (const box of [heat, orbit]) {
      expect(box.x).toBeGreaterThanOrEqual(frameBox.x);
      expect(box.y).toBeGreaterThanOrEqual(frameBox.y);
      expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 1);
      expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 1);
    }
    expect(heat.width).toBeGreaterThan(250);
    expect(heat.height).toBeGreaterThan(250);
    expect(
      await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
    ).toBe(true);

    // The frame took no focus when it loaded: the host's deck still gets the keys.
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('window.keys')).toEqual(['ArrowRight']);

    // A click on the heatmap plays that cell's game.
    expect(await frame.evaluate(`${LAB}.state.view.cell`)).toBeNull();
    await page.mouse.click(heat.x + heat.width * 0.3, heat.y + heat.height * 0.6);
    await expect.poll(() => frame.evaluate(`${LAB}.state.view.cell`)).not.toBeNull();
    const cell = await frame.evaluate(`${LAB}.state.view.cell`);

    // The click moved the focus into the frame: its arrow keys go to the host as reveal.js calls.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageUp');
    await expect
      .poll(() => page.evaluate('window.messages'))
      .toEqual([
        JSON.stringify({ method: 'right', args: [] }),
        JSON.stringify({ method: 'prev', args: [] }),
      ]);
    expect(await frame.evaluate(`${LAB}.state.view.cell`)).toEqual(cell);

    await page.screenshot({ path: 'test-output/embed.png' });
    expect(seen.failures).toEqual([]);
    expect(seen.console.filter((line) => /^(error|pageerror)/.test(line))).toEqual([]);
    expect(offOrigin(seen.requests)).toEqual([]);
    await page.close();
  }, 300_000);

  it("embeds the Conv Lab whole, without the app's chrome", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const seen = watch(page);
    await page.goto(`${deckUrl}?src=${encodeURIComponent(`${appUrl}#/conv?embed`)}`);
    const frame = await (await page.locator('#app').elementHandle())?.contentFrame();
    if (!frame) throw new Error('the deck has no frame');
    await expect.poll(() => frame.locator('ss-conv-lab h2').textContent()).toBe('Conv Lab');
    expect(frame.url()).toMatch(/\?embed=#\/conv/);
    expect(await frame.locator('ss-app h1').isVisible()).toBe(false);
    expect(await frame.locator('ss-status-line').isVisible()).toBe(false);
    // The host's deck owns the keys: the lab offers no slides of its own in a frame.
    expect(await frame.locator('ss-conv-lab button.present').isVisible()).toBe(false);
    expect(seen.console.filter((line) => /^(error|pageerror)/.test(line))).toEqual([]);
    expect(offOrigin(seen.requests)).toEqual([]);
    await page.close();
  });
});
