#!/usr/bin/env node
/**
 * Runs the core benchmark as the browser runs the core: bundled and minified-free, without
 * the TypeScript loader's per-import overhead. Bundles bench/core.bench.ts with esbuild
 * into bench/.out/ (beside the repo, so the scenario paths resolve) and runs it.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out', 'core.mjs');
await build({ entryPoints: [join(here, 'core.bench.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
const result = spawnSync(process.execPath, [out], { stdio: 'inherit' });
process.exit(result.status ?? 1);
