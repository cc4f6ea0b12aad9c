import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Our folders are src-main / src-preload / src-renderer, which electron-vite does not find by
// itself, so every entry is named explicitly (../shared/TOOLCHAIN.md).
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // Web mode: the same handler table served over loopback HTTP (no Electron needed).
          web: resolve(__dirname, 'src-main/http/cli.ts'),
          // Worker threads of the USB exchange (src-main/exchange/worker/run-task.ts finds it beside index.js).
          'exchange-worker': resolve(__dirname, 'src-main/exchange/worker/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it may not require npm packages, so bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: { rolldownOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } } },
    plugins: [react()],
  },
});
