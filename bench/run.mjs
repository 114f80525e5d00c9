#!/usr/bin/env node
/**
 * Runs the core benchmark (the fast path and, beside it, the reference rules) as the browser
 * runs the core: bundled and minified-free, without
 * the TypeScript loader's per-import overhead. Bundles bench/core.bench.ts (and then
 * bench/exercise.bench.ts, in a process of its own) with esbuild
 * into bench/.out/ (beside the repo, so the scenario paths resolve) and runs it.
 * `npm run bench -- exercise` (or `core`) runs one of the two only.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
// The core's figures, then the exercise's (docs/exercise.md), each bundled and run in a process of its own.
const wanted = process.argv.slice(2);
for (const name of ['core', 'exercise'].filter((n) => !wanted.length || wanted.includes(n))) {
  const out = join(here, '.out', `${name}.mjs`);
  await build({ entryPoints: [join(here, `${name}.bench.ts`)], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  const result = spawnSync(process.execPath, [out], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log();
}
