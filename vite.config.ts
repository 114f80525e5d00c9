/**
 * Build for the browser game. `base: './'` keeps every asset path relative, so the built
 * `dist/` folder runs from a USB stick or a LAN share with no server configuration.
 * Phaser goes into its own chunk: it changes rarely, caches well, and lets the benchmark
 * measure the game's own JavaScript apart from the engine's.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    // flag-icons' ~500 SVGs stay separate files, fetched only for the flags on screen,
    // instead of being inlined into the stylesheet.
    assetsInlineLimit: (file: string) => (file.includes('flag-icons') ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
});
