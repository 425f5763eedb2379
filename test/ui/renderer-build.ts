import { join } from 'node:path';
import { build } from 'vite';
import { APP_ROOT } from '../../main/shared/app-paths.ts';

export const RENDERER_DIST = join(APP_ROOT, 'dist', 'renderer');

/**
 * Builds the renderer with the project's Vite config, as `npm run build:renderer` does, so tests see today's UI.
 * Vite follows NODE_ENV, which vitest sets to "test": without this the tests would drive React's development build.
 */
export async function buildRenderer(): Promise<string> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(APP_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return RENDERER_DIST;
}
