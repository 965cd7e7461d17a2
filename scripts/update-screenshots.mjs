// `npm run screenshots`: refreshes the README's screenshots (docs/screenshots/*.png). The e2e
// tests that take them write only under test-output/screenshots/; this runs just those tests
// (their global setup builds and serves the app) and copies what they took. Tests never write into docs/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SHOTS = [
  'game-lab.png',
  'conv-lab.png',
  'slide-1920.png',
  'slide-1366.png',
  'conv-slide.png',
  'gan-view.png',
];
const taken = join('test-output', 'screenshots');

rmSync(taken, { recursive: true, force: true });
execFileSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'e2e',
    'tests/e2e/game-lab.test.ts',
    'tests/e2e/conv-lab.test.ts',
    'tests/e2e/game-slides.test.ts',
    'tests/e2e/conv-slides.test.ts',
    'tests/e2e/gan-view.test.ts',
    '-t',
    'README screenshot|projector and laptop sizes|every preset is a slide|shows every slide 16:9 at 1920|preset gan-sim-gda',
  ],
  { stdio: 'inherit' },
);
mkdirSync(join('docs', 'screenshots'), { recursive: true });
for (const shot of SHOTS) {
  const from = join(taken, shot);
  if (!existsSync(from)) throw new Error(`the e2e run took no ${from}`);
  copyFileSync(from, join('docs', 'screenshots', shot));
  console.log(`updated docs/screenshots/${shot}`);
}
