/**
 * Global setup of the `browser` test project: builds the game with Vite into a fresh
 * temporary folder, serves it with `vite preview` on 127.0.0.1 at a free port, and provides
 * the URL to the tests (`inject('baseUrl')`, also `COOPSEC_URL`) and the built folder
 * (`inject('distDir')`, which the classroom tests serve). Tears both down after.
 * Building per run (not reusing dist/) means the tests always see the current sources and
 * never race another build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built game, for tests that serve it themselves (the classroom server). */
    distDir: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Builds the game (or another Vite root) into `outDir` and serves it; returns the URL and a closer. */
export async function buildAndServe(options: { root?: string; outDir: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const projectRoot = options.root ?? root;
  await build({ root: projectRoot, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: options.outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({
    root: projectRoot,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: options.outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  return { url, close: () => server.close() };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'coopsec-browser-'));
  const served = await buildAndServe({ outDir });
  project.provide('baseUrl', served.url);
  project.provide('distDir', outDir);
  process.env.COOPSEC_URL = served.url;
  return async () => {
    await served.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
