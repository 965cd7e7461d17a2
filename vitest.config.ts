import { defineConfig } from 'vitest/config';

// Three tiers, one command (`npm test`):
//   unit — pure core/ code in Node;
//   gpu  — WGSL kernels on a real WebGPU device (Dawn's Node binding; SwiftShader where no GPU);
//   e2e  — the built app in the system Chromium, driven by Playwright.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'gpu',
          include: ['tests/gpu/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          globalSetup: ['tests/e2e/serve-built-app.ts'],
          // SwiftShader renders on the CPU, shared with the test runner: give the page time.
          expect: { poll: { timeout: 60_000, interval: 100 } },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
