import { defineConfig } from 'vite';

// base './': every asset path in dist/ is relative, so the built app runs from any sub-path of
// any static host (a project page, a lab's web space, a conference's site) without rebuilding.
// The app routes by the hash (#/game, #/conv), so no server rewrites are needed either.
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
