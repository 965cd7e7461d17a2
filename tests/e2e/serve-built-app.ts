import type { TestProject } from 'vitest/node';
import { build, preview, type PreviewServer } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

let server: PreviewServer | undefined;

/**
 * Builds the app once, as `npm run build` does, and serves it with `vite preview` for the
 * end-to-end tests. Vitest sets NODE_ENV=test, under which Vite would resolve Lit's development
 * build: the tests must exercise the production bundle people get.
 */
export async function setup(project: TestProject): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await preview({ preview: { port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('appUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
