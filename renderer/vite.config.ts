import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * plotly ships as one prebuilt, minified 4.7 MB script. Copied as it is (and loaded on first use by
 * src/components/plotly-chart.tsx), it costs the build nothing; bundled, Rollup and the minifier spent 20 of the
 * build's 24 seconds re-parsing it.
 */
function plotlyAsIs(): Plugin {
  const source = createRequire(import.meta.url).resolve('plotly.js-dist-min/plotly.min.js');
  return {
    name: 'seqatlas-plotly-as-is',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'plotly.min.js', source: readFileSync(source) });
    },
    configureServer(server) {
      server.middlewares.use('/plotly.min.js', (_request, response) => {
        response.setHeader('content-type', 'text/javascript');
        response.end(readFileSync(source));
      });
    },
  };
}

/**
 * The renderer is one static bundle for both hosts: Electron loads it from disk (hence the relative `base`) and
 * `seqatlas serve` serves it from dist/renderer. Nothing is fetched from a network at run time.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), plotlyAsIs()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
  },
  logLevel: 'warn',
});
