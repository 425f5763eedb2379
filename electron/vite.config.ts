import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)];
const entry = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Builds the shell into dist/electron (`npm run build:electron`): main.js and engine-worker.js as ES modules with
 * the engine bundled in (dependencies stay in node_modules: native modules load from app.asar.unpacked). The
 * bundles sit two folders below the app root, as main/shared/app-paths.ts does, so APP_ROOT still finds resources/.
 * The preload is built by vite.preload.config.ts: sandboxed preloads must be CommonJS.
 */
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    ssr: true,
    rollupOptions: {
      // The seed prefilter's, the chimera check's and annotate's alignment threads start their own bundles
      // (seed-pool.ts, chimera-pool.ts and alignment-pool.ts find them beside the engine).
      input: {
        main: entry('main.ts'), 'engine-worker': entry('engine-worker.ts'),
        'seed-worker': entry('../main/seeds/seed-worker.ts'), 'chimera-worker': entry('../main/classify/chimera-worker.ts'),
        'alignment-worker': entry('../main/align/alignment-worker.ts'),
      },
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  logLevel: 'warn',
});
