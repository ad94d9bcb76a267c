import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig } from './renderer/vite.config';
import { workerEntries } from './electron/workers';

/** One tool builds main, preload and renderer from our own top-level folders (not electron-vite's src/ layout). */
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      // The worker threads (contact import, WAL checkpoints) are separate entries, emitted beside index.js as <name>.js.
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          ...Object.fromEntries(Object.entries(workerEntries).map(([name, path]) => [name, resolve(path)])),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS and self-contained.
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    root: resolve('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
