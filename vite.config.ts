import { defineConfig } from 'vite';

export default defineConfig({
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
