#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install` through the package's prepare script).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-cli', 'saddle-stride.js');
if (!existsSync(bundle)) {
  console.error(
    'saddle-stride: the CLI is not built yet; run "npm install" (or "npm run build:cli") first.',
  );
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
