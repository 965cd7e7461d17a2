import { defineConfig } from 'vite';

// The Node CLI (`saddle-stride`), bundled so that `.wgsl?raw` imports resolve exactly as in the page.
// Dependencies (the `webgpu` binding among them) stay external and load from node_modules.
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    sourcemap: true,
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'saddle-stride.js' } },
  },
});
