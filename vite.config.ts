/**
 * Build for the browser game. `base: './'` keeps every asset path relative, so the built
 * `dist/` folder runs from a USB stick or a LAN share with no server configuration.
 * Phaser goes into its own chunk: it changes rarely, caches well, and lets the benchmark
 * measure the game's own JavaScript apart from the engine's.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * The data the game fetches first (the era files) is emitted with hashed
 * names, so the HTML cannot name it by hand: this adds `<link rel="preload" as="fetch">` for
 * each, at low priority so the scripts still come first, and the browser downloads the data
 * while it is still evaluating Phaser. The game's requests (same URL, same-origin
 * credentials) are then answered from that preload, and its progress bar still reports what
 * it has. Build only; the dev server serves sources.
 */
function preloadData(pattern: RegExp): Plugin {
  return {
    name: 'coopsec:preload-data',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const files = Object.keys(context.bundle ?? {}).filter((name) => pattern.test(name)).sort();
        return files.map((name) => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: '', fetchpriority: 'low', href: `./${name}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * The era files are written for people (indented, one field a line); the built copies drop
 * the whitespace, over a third of their size, which the browser then neither downloads nor parses
 * on the way to the title screen. Same data: the JSON is parsed and written back.
 */
function minifyData(pattern: RegExp): Plugin {
  return {
    name: 'coopsec:minify-data',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !pattern.test(file.fileName)) continue;
        const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        try {
          file.source = JSON.stringify(JSON.parse(text));
        } catch {
          // A file that is not JSON is left as it is: the game names it on the title screen.
        }
      }
    },
  };
}

/** Files worth compressing: text, which gzip shrinks to a third or less. */
const COMPRESSIBLE: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * A gzip copy (at the highest level) beside each text file of the build, made once when it
 * is built, and served by `vite preview` in place of compressing every response again.
 * Static servers can do the same (nginx's gzip_static). On a shared machine, compressing
 * Phaser's 1.4 MB on each load took CPU the browser was waiting for.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'coopsec:precompress',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(options) {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
      for (const file of walk(options.dir ?? outDir)) {
        if (!(extname(file) in COMPRESSIBLE)) continue;
        const source = readFileSync(file);
        if (source.length >= 1024) writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
      }
    },
    configurePreviewServer(server) {
      // Registered here, this runs before the preview server's own compression.
      server.middlewares.use((req, res, next) => {
        const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        const file = resolve(outDir, `.${path}`);
        const type = COMPRESSIBLE[extname(file)];
        if (req.method !== 'GET' || !accepts || !type || !file.startsWith(outDir + sep) || !existsSync(`${file}.gz`)) return next();
        res.setHeader('Content-Type', type);
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', statSync(`${file}.gz`).size);
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(`${file}.gz`).pipe(res);
      });
    },
  };
}

/** The era files as emitted into the build. */
const ERA_FILES = /^assets\/era\d[^/]*\.json$/;

export default defineConfig({
  base: './',
  plugins: [minifyData(ERA_FILES), preloadData(ERA_FILES), precompress()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    // flag-icons' ~500 SVGs stay separate files, fetched only for the flags on screen,
    // instead of being inlined into the stylesheet; sound files stay files too (base64 audio
    // in the start-up script would be parsed before the title for a cue played later).
    assetsInlineLimit: (file: string) => (file.includes('flag-icons') || /\.(ogg|mp3)$/.test(file) ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
});
