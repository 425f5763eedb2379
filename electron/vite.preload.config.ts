import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The preload as one CommonJS file (sandboxed preloads cannot load ES modules or anything but `electron`). */
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    ssr: true,
    rollupOptions: {
      input: fileURLToPath(new URL('preload.ts', import.meta.url)),
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
  logLevel: 'warn',
});
