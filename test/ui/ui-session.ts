import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
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

/** Does what starts a download (a click, a key) and returns the downloaded file's bytes. */
export async function downloaded(page: Page, start: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  return readFile((await download.path())!);
}

/** Draws a lasso along the edges of a plotly chart's plot area, as a user dragging the mouse would: every point is inside. */
export async function lassoAll(page: Page, chart: Locator): Promise<void> {
  const area = chart.locator('.nsewdrag').first();
  await area.waitFor();
  const box = (await area.boundingBox())!;
  const [left, top, right, bottom] = [box.x + 2, box.y + 2, box.x + box.width - 2, box.y + box.height - 2];
  await page.mouse.move(left, top);
  await page.mouse.down();
  for (const [x, y] of [[right, top], [right, bottom], [left, bottom], [left, top + 4]] as const) await page.mouse.move(x, y, { steps: 2 });
  await page.mouse.up();
}
