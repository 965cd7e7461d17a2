import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The GAN view element; its documented test surface (src/ui/gan/gan-view.ts): data-sweep, data-replay, lastSweep, state. */
export const GAN_VIEW = `document.querySelector('ss-app').shadowRoot.querySelector('ss-gan-view')`;

/** Until the view's sweep or replay has this status: a software adapter on a shared machine gets minutes, no timing asserted. */
export async function waitForGanView(
  page: Page,
  attribute: 'sweep' | 'replay',
  value: string,
  timeout = 540_000,
): Promise<void> {
  await expect
    .poll(() => page.evaluate(`${GAN_VIEW}?.dataset.${attribute} ?? null`), {
      timeout,
      interval: 250,
    })
    .toBe(value);
}
