/**
 * UI timings in the real headless Chromium against the real server: serve start to interactive, the UMAP map with
 * 50,000 points (first draw, recolour, frame times during a lasso), and the assignments table with 100,000 rows
 * (load, frame times while scrolling through it). Chromium runs with --disable-gpu, so WebGL is software-rendered:
 * a laptop's GPU draws the map faster than these figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../main/store/store.ts';
import { buildRenderer } from '../test/ui/renderer-build.ts';
import { openUiSession } from '../test/ui/ui-session.ts';
import { startFrames, stopFrames } from './ui-frame-timer.ts';
import { writeSyntheticRun } from './ui-synthetic-runs.ts';

const MAP_POINTS = 50_000;
const TABLE_ROWS = 100_000;

export async function benchUi(): Promise<Record<string, unknown>> {
  const dist = await buildRenderer();
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-ui-'));
  const store = join(work, 'store');
  await (await Store.open(store, { create: true })).close();
  const mapRun = await writeSyntheticRun(join(store, 'runs', '2026-01-01-map'), MAP_POINTS, MAP_POINTS);
  const tableRun = await writeSyntheticRun(join(store, 'runs', '2026-01-02-table'), TABLE_ROWS, 0);
  const session = await openUiSession(dist, { viewport: { width: 1400, height: 900 } });
  const { page } = session;
  try {
    const report: Record<string, unknown> = { serveToInteractiveMs: Math.round(session.startupMs) };
    // A second page load on the warm server: what reopening the URL costs once Chromium is running.
    const reload = performance.now();
    await page.goto(session.server.url);
    await page.getByRole('tab', { name: 'Home' }).waitFor();
    report.reloadToInteractiveMs = Math.round(performance.now() - reload);
    await page.goto(session.server.openUrl);
    await page.getByLabel('Store folder').fill(store);
    await page.getByRole('button', { name: 'Open or create' }).click();
    await page.getByText('Recent runs').waitFor();

    // The map: open it, recolour it, lasso across it.
    let start = performance.now();
    await page.getByRole('tab', { name: 'Explore' }).click();
    await page.getByLabel('map run').selectOption(mapRun);
    await page.locator('.chart canvas').first().waitFor({ timeout: 120_000 });
    await page.locator('.legend').first().waitFor({ timeout: 120_000 });
    report.mapFirstDrawMs = Math.round(performance.now() - start);
    start = performance.now();
    await page.getByLabel('colour by').selectOption('confidence');
    await page.locator('.colorbar').first().waitFor({ timeout: 120_000 });
    report.mapRecolourMs = Math.round(performance.now() - start);
    const box = (await page.locator('.chart .nsewdrag').first().boundingBox())!;
    await startFrames(page);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    for (let i = 0; i <= 60; i += 1) {
      const angle = (2 * Math.PI * i) / 60;
      await page.mouse.move(box.x + box.width * (0.5 + 0.2 * Math.cos(angle)), box.y + box.height * (0.5 + 0.2 * Math.sin(angle)));
    }
    await page.mouse.up();
    await page.waitForTimeout(500);
    report.mapLassoFrames = await stopFrames(page);
    report.mapLassoSelected = Number((await page.getByTestId('selection-count').textContent())!.split(' ')[0]);
    report.mapPoints = MAP_POINTS;

    // The table: load 100,000 assignments, then scroll through them one viewport per frame.
    await page.getByRole('tab', { name: 'Home' }).click();
    await page.getByText('Recent runs').waitFor();
    start = performance.now();
    // The table run is the one listed with results but no map.
    const runsWithResults = page.locator('li').filter({ has: page.getByRole('button', { name: 'results' }) });
    await runsWithResults.filter({ hasNot: page.getByRole('button', { name: 'map' }) }).getByRole('button', { name: 'results' }).click();
    await page.getByTestId('row-count').filter({ hasText: `${TABLE_ROWS.toLocaleString('en-US')} of` }).waitFor({ timeout: 120_000 });
    report.tableLoadMs = Math.round(performance.now() - start);
    report.tableRows = TABLE_ROWS;
    await startFrames(page);
    // Page source (tsx's helpers do not exist in the page): one viewport further per animation frame, 240 frames.
    await page.evaluate(`new Promise((done) => {
      const element = document.querySelector('[data-testid=assignments-scroller]');
      let steps = 0;
      const step = () => { element.scrollTop += 900; steps += 1; if (steps < 240) requestAnimationFrame(step); else done(steps); };
      requestAnimationFrame(step);
    })`);
    report.tableScrollFrames = await stopFrames(page);
    report.tableRowsInDom = await page.locator('.table-body [role=row]').count();
    start = performance.now();
    await page.getByLabel('search reads').fill('Genus3_7');
    await page.getByTestId('row-count').filter({ hasNotText: `${TABLE_ROWS.toLocaleString('en-US')} of` }).waitFor();
    report.tableSearchMs = Math.round(performance.now() - start);
    return report;
  } finally {
    await session.close();
    await rm(work, { recursive: true, force: true });
  }
}
