import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { Engine } from '../../main/api/engine.ts';
import { startServer, type RunningServer } from '../../main/server/seqatlas-server.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium-path.ts';

export interface UiSession {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Milliseconds from starting the server to the Home screen being usable. */
  startupMs: number;
  close(): Promise<void>;
}

/** The real server (real engine) and a real headless Chromium on a fresh profile, with the app open. */
export async function openUiSession(staticDir: string, options: { viewport?: { width: number; height: number } } = {}): Promise<UiSession> {
  const executablePath = chromiumPath();
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-ui-'));
  const started = performance.now();
  const server = await startServer({ engine: new Engine(), host: '127.0.0.1', port: 0, staticDir, uploadDir: join(work, 'uploads') });
  const context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: options.viewport ?? { width: 1400, height: 900 }, acceptDownloads: true });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.openUrl);
  await page.getByRole('tab', { name: 'Home' }).waitFor();
  const startupMs = performance.now() - started;
  return {
    server, context, page, startupMs,
    async close() {
      await context.close();
      await server.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** Drops a file on an element as a user dragging it from the file manager would (a real DataTransfer with a File). */
export async function dropFile(page: Page, selector: string, name: string, content: string): Promise<void> {
  // Written as page source: the test project's types have no DOM, the page's runtime has.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(content)}], ${JSON.stringify(name)}, { type: 'text/plain' }));
    return transfer;
  })()`);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
