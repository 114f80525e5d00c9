/**
 * Build for the browser game. `base: './'` keeps every asset path relative, so the built
 * `dist/` folder runs from a USB stick or a LAN share with no server configuration.
 * Phaser goes into its own chunk: it changes rarely, caches well, and lets the benchmark
 * measure the game's own JavaScript apart from the engine's.
 */
import { defineConfig, type Plugin } from 'vite';

/**
 * The data the Preloader fetches (the era files) is emitted with hashed
 * names, so the HTML cannot name it by hand: this adds `<link rel="preload" as="fetch">` for
 * each, at low priority so the scripts still come first, and the browser downloads the data
 * while it is still evaluating Phaser. The Preloader's requests (same URL, same-origin
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

/** The era files as emitted into the build. */
const ERA_FILES = /^assets\/era\d[^/]*\.json$/;

export default defineConfig({
  base: './',
  plugins: [minifyData(ERA_FILES), preloadData(ERA_FILES)],
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
