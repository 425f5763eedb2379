import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import { startServer } from '../server/seqatlas-server.ts';
import { APP_ROOT } from '../shared/app-paths.ts';
import { positiveInt, type CommandRunner } from './cli-options.ts';

/** Where `npm run build:renderer` (Vite) writes the renderer that serve hands to the browser. */
export const RENDERER_BUILD_DIR = join(APP_ROOT, 'dist', 'renderer');

/** `seqatlas serve`: the desktop app's UI and API in a browser, for machines where Electron cannot run. */
export function addServeCommands(program: Command, engine: Engine, run: CommandRunner): void {
  program
    .command('serve')
    .description('serve the SeqAtlas UI and API on loopback, behind a random access token')
    .option('--port <n>', 'port (0 = any free port)', positiveInt, 7878)
    .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
    .option('--renderer <dir>', 'built renderer folder', RENDERER_BUILD_DIR)
    .action(async (options) => {
      await run(false, async () => {
        const uploadDir = await mkdtemp(join(tmpdir(), 'seqatlas-uploads-'));
        const server = await startServer({ engine, host: options.host, port: options.port, staticDir: options.renderer, uploadDir });
        process.stdout.write(`SeqAtlas is serving on ${server.url}\nopen ${server.openUrl}\n(dropped files are saved in ${uploadDir}; Ctrl-C stops, letting running jobs commit their batch)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            process.stderr.write('stopping: running jobs commit their current batch…\n');
            void server.close().then(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      });
    });
}
