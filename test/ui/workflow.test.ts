import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { buildRenderer } from './renderer-build.ts';
import { dropFile, openUiSession, type UiSession } from './ui-session.ts';

const SAMPLE = join(APP_ROOT, 'resources', 'samples', '16s-sample.fasta');
const REFERENCE = join(APP_ROOT, 'test', 'fixtures', 'classify', 'reference.fasta.gz');
const ARTIFACTS = join(APP_ROOT, 'test-artifacts');
/** `SEQATLAS_SCREENSHOTS=1 npx vitest run test/ui` refreshes the README's screenshots from this run. */
const DOCS_SCREENSHOTS = join(APP_ROOT, 'docs', 'screenshots');

describe('the UI in Chromium against seqatlas serve and the real engine', () => {
  let session: UiSession;
  let store: string;
  const shots: string[] = [];
  const shoot = async (name: string) => {
    const file = join(ARTIFACTS, `${name}.png`);
    await session.page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    store = join(await mkdtemp(join(tmpdir(), 'seqatlas-ui-store-')), 'store');
    // The renderer build and a small real reference set (403 16S of five families) are prepared side by side.
    const [dist] = await Promise.all([
      buildRenderer(),
      new Engine().buildReference({ input: REFERENCE, name: 'gold5', model: 'dna-kmer', store }),
    ]);
    session = await openUiSession(dist);
  });

  afterAll(async () => {
    await session?.close();
    if (store) await rm(join(store, '..'), { recursive: true, force: true });
    if (process.env.SEQATLAS_SCREENSHOTS === '1') {
      await mkdir(DOCS_SCREENSHOTS, { recursive: true });
      await Promise.all(shots.map((file) => copyFile(file, join(DOCS_SCREENSHOTS, file.split('/').at(-1)!))));
    }
  });

  it('opens a store, imports a dropped FASTA, classifies it, shows results, and exports a taxon table', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // Home: open the store (the token came from the URL and is gone from the address bar).
    expect(page.url()).not.toContain('token=');
    await page.getByLabel('Store folder').fill(store);
    await page.getByRole('button', { name: 'Open or create' }).click();
    await expect.poll(() => page.getByTestId('store-summary').textContent()).toContain('1 datasets');
    await shoot('1-home');

    // Import: drop the bundled sample; the engine's validation reports it before anything runs.
    await page.getByRole('tab', { name: 'Import' }).click();
    await dropFile(page, '[data-testid=dropzone]', '16s-sample.fasta', await readFile(SAMPLE, 'utf8'));
    await expect.poll(() => page.getByTestId('accepted').first().textContent(), { timeout: 20_000 }).toBe('200');
    await shoot('2-import');

    // Run: classify against the reference; progress streams in, the provider really used is shown.
    await page.getByRole('button', { name: 'Continue to Run' }).click();
    await expect.poll(() => page.getByLabel('Reference', { exact: true }).inputValue()).toBe('gold5');
    await page.getByLabel('Minimum confidence').fill('0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-outcome').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('job-state').textContent()).toBe('done');
    expect(await page.getByTestId('provider').textContent()).toBe('cpu');
    expect(await page.locator('.stage').count()).toBeGreaterThan(0);
    await shoot('3-run');

    // Results: the virtualised table fills; search narrows it.
    await page.getByRole('button', { name: 'Open results' }).click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('200 of 200 reads');
    const rows = page.locator('.table-body [role=row]');
    expect(await rows.count()).toBeGreaterThan(5);
    expect(await rows.count()).toBeLessThan(60);
    await page.locator('.chart .main-svg').first().waitFor({ timeout: 20_000 });
    await shoot('4-results');
    await page.getByLabel('search reads').fill('Bacillus');
    const filtered = Number((await page.getByTestId('row-count').textContent())!.split(' ')[0]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(200);
    await page.getByLabel('search reads').fill('');

    // Explore: the map screen opens on this store.
    await page.getByRole('tab', { name: 'Explore' }).click();
    await page.getByRole('heading', { name: 'Explore' }).waitFor();
    await shoot('5-explore');

    // Export: a taxon table through the engine's export, checked on disk.
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Rank').selectOption('family');
    const out = await page.getByLabel('Write to').inputValue();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-outcome').waitFor({ timeout: 20_000 });
    await shoot('6-export');
    const table = (await readFile(out, 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(table[0]).toEqual(['taxon', '16s-sample']);
    const counts = table.slice(1).map((row) => Number(row[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(table.slice(1).some((row) => row[0]!.includes('Bacillaceae'))).toBe(true);

    // Dark theme renders too.
    await page.getByRole('button', { name: /switch to dark theme/ }).click();
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByTestId('row-count').waitFor();
    await shoot('7-results-dark');
    expect(errors).toEqual([]);
  });
});
