import { defineConfig } from 'vite';

// The Node CLI (`saddle-stride`), bundled so that `.wgsl?raw` imports resolve exactly as in the page.
// Dependencies (the `webgpu` binding among them) stay external and load from node_modules.
// The CLI reads nothing at run time but its arguments: no public/ files beside the bundle.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    sourcemap: true,
    emptyOutDir: true,
    rollupOptions: { output: { entryFileNames: 'saddle-stride.js' } },
  },
});
