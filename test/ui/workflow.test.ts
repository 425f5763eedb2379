import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { buildRenderer } from './renderer-build.ts';
import { fastaRecords } from '../server/fasta-records.ts';
import { downloaded, dropFile, lassoAll, openUiSession, type UiSession } from './ui-session.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { simulatedPair, simulatedRead } from '../pairs/simulated-pairs.ts';

const SAMPLE = join(APP_ROOT, 'resources', 'samples', '16s-sample.fasta');
const REFERENCE = join(APP_ROOT, 'test', 'fixtures', 'classify', 'reference.fasta.gz');
const GO_FIXTURES = join(APP_ROOT, 'test', 'fixtures', 'annotate');
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

  it('opens a store, imports a dropped FASTA with sample metadata, classifies it, shows results and the map, exports tables, selections and charts, pauses and resumes a job', async () => {
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
    expect(await page.getByTestId('read-errors').first().textContent()).toBe('—');

    // Sample metadata for Darwin Core: a bad latitude is refused with the field named, then saved with the store.
    const cell = (label: string) => page.getByLabel(`${label} of 16s-sample`, { exact: true });
    await cell('Site').fill('Sydney Harbour, Manly wharf');
    await cell('Date').fill('2024-06-01');
    await cell('Latitude').fill('95');
    await cell('Longitude').fill('151.284453');
    await cell('Target gene').fill('16S rRNA');
    await cell('Forward primer').fill('GTGYCAGCMGCCGCGGTAA');
    await cell('Reverse primer').fill('GGACTACNVGGGTWTCTAAT');
    await page.getByRole('button', { name: 'Save sample metadata' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/field "samples\.0\.decimalLatitude": must be from -90 to 90/);
    await cell('Latitude').fill('-33.799127');
    await page.getByRole('button', { name: 'Save sample metadata' }).click();
    await expect.poll(() => page.getByTestId('metadata-saved').textContent()).toContain(join(store, 'samples.tsv'));
    await shoot('2-import');

    // Run: classify against the reference; progress streams in, the provider really used is shown.
    await page.getByRole('button', { name: 'Continue to Run' }).click();
    await expect.poll(() => page.getByLabel('Classifier', { exact: true }).inputValue()).toBe('gold5');
    await page.getByLabel('Minimum confidence').fill('0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-outcome').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('job-state').textContent()).toBe('done');
    expect(await page.getByTestId('provider').textContent()).toBe('cpu');
    expect(await page.getByTestId('chimeras').textContent()).toMatch(/^ \d+ chimeras? of two references/);
    expect(await page.locator('.stage').count()).toBeGreaterThan(0);
    // The leave-one-out fit on the reference is a stage of its own, complete when the run is.
    expect(await page.locator('.stage').allTextContents()).toContainEqual(expect.stringMatching(/^prepare\s*403 \/ 403 references/));
    // Both strands' embeddings warn of the same device fallback here; the screen says it once.
    const messages = await page.locator('ul.messages li').allTextContents();
    expect(new Set(messages).size).toBe(messages.length);
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

    // Explore: Compute map runs a real cluster job over the classified reads; lasso everything, export it as CSV and FASTA.
    await page.getByRole('tab', { name: 'Explore' }).click();
    await page.getByRole('heading', { name: 'Explore' }).waitFor();
    await page.getByLabel('smallest cluster').fill('5');
    await page.getByRole('button', { name: 'Compute map' }).click();
    await page.getByTestId('map-outcome').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('map-outcome').textContent()).toMatch(/^200 reads in \d+ clusters/);
    const runs = join(store, 'runs');
    const clusterRun = join(runs, (await readdir(runs)).find((name) => name.endsWith('-cluster'))!);
    expect((await readFile(join(clusterRun, 'clusters.tsv'), 'utf8')).trim().split('\n')).toHaveLength(201);
    await lassoAll(page, page.getByRole('img', { name: 'UMAP map' }));
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('200 selected');
    await shoot('5-explore');
    const csv = (await downloaded(page, () => page.getByRole('button', { name: 'Export selection as CSV' }).click())).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('id,x,y,cluster,lineage,confidence,novelty');
    expect(csv).toHaveLength(201);
    // Position and cluster from the map, lineage, confidence and novelty from the classify run the clustering summarised.
    const selection = csv.slice(1).map((line) => line.split(','));
    expect(selection.every((row) => row.length === 7 && [1, 2, 3, 6].every((c) => row[c] !== '' && Number.isFinite(Number(row[c]))))).toBe(true);
    expect(selection.filter((row) => row[4]!.startsWith('Bacteria;')).length).toBeGreaterThan(150);
    const fasta = fastaRecords((await downloaded(page, () => page.getByRole('button', { name: 'Export selection as FASTA' }).click())).toString('utf8'));
    const sample = fastaRecords(await readFile(SAMPLE, 'utf8'));
    expect(fasta.size).toBe(200);
    // The store keeps sequences upper-cased (some records of the sample are lower case).
    for (const [id, sequence] of fasta) expect(sequence).toBe(sample.get(id)!.toUpperCase());

    // Export: a taxon table through the engine's export, checked on disk.
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByLabel('Rank', { exact: true }).selectOption('family');
    const out = await page.getByLabel('Write to').inputValue();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByTestId('export-outcome').waitFor({ timeout: 20_000 });
    await shoot('6-export');
    const table = (await readFile(out, 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(table[0]).toEqual(['taxon', '16s-sample']);
    const counts = table.slice(1).map((row) => Number(row[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    expect(table.slice(1).some((row) => row[0]!.includes('Bacillaceae'))).toBe(true);

    // Darwin Core takes the metadata saved on the Import screen by default.
    await page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('darwin-core');
    const dwc = await page.getByLabel('Write to').inputValue();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-outcome').textContent(), { timeout: 20_000 }).toContain('occurrence.tsv');
    const [header, ...occurrences] = (await readFile(join(dwc, 'occurrence.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    const column = (name: string) => new Set(occurrences.map((row) => row[header!.indexOf(name)]));
    expect(column('eventDate')).toEqual(new Set(['2024-06-01']));
    expect(column('decimalLatitude')).toEqual(new Set(['-33.799127']));
    expect(column('locality')).toEqual(new Set(['Sydney Harbour, Manly wharf']));

    // Charts as PNG and SVG, downloaded under the app's CSP.
    // The PNG button is the next stop after the chart's rank and works from the keyboard.
    await page.getByLabel('composition rank').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('Download per-sample composition as PNG');
    const png = await downloaded(page, () => page.keyboard.press('Enter'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const svg = (await downloaded(page, () => page.getByRole('button', { name: 'Download lineage sunburst as SVG' }).click())).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    // Dark theme renders too.
    await page.getByRole('button', { name: /switch to dark theme/ }).click();
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByTestId('row-count').waitFor();
    await shoot('7-results-dark');

    // Pause and resume: 6,000 reads embed in 120 committed batches of 50 (the model's 1,024 would give six, and a
    // pause could come after the last); pause after the first, reload the page, resume.
    // The reads come as a sequencer's folder: only its sequence files are imported (not notes, not hidden files).
    const runFolder = join(store, '..', 'field-run');
    await mkdir(join(runFolder, 'lane1'), { recursive: true });
    const reads = join(runFolder, 'lane1', 'reads-6k.fasta');
    const sampleText = await readFile(SAMPLE, 'utf8');
    await writeFile(reads, Array.from({ length: 30 }, (_, copy) => sampleText.replace(/^>/gm, `>c${copy}_`)).join(''));
    await writeFile(join(runFolder, 'notes.txt'), 'primer 515F/806R\n');
    await writeFile(join(runFolder, 'lane1', '._reads-6k.fasta'), 'AppleDouble');
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('or a file or folder path on this machine').fill(runFolder);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByTestId('accepted').nth(1).textContent(), { timeout: 20_000 }).toBe('6,000');
    expect(await page.getByTestId('accepted').count()).toBe(2);
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Embed only').check();
    await page.getByLabel('Input', { exact: true }).selectOption(reads);
    await page.getByLabel('Sequences per batch').fill('50');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByLabel('embed progress').getAttribute('value'), { interval: 20 }).not.toBeNull();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('job-state').textContent()).toBe('paused');
    await page.reload();
    await page.getByLabel('Store folder').fill(store);
    await page.getByRole('button', { name: 'Open or create' }).click();
    await page.getByRole('tab', { name: 'Run' }).click();
    await expect.poll(() => page.getByTestId('job-state').textContent()).toBe('paused');
    expect(await page.getByLabel('Embed only').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('run-outcome').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('resumed').textContent()).toMatch(/resumed after batch \d+/);
    expect(await page.getByTestId('run-outcome').textContent()).toContain('Embedded 6,000 sequences');

    // The store's checked files outlived the reload; both are classified in one run, each file a sample (the
    // 6,000 reads reuse the stored vectors).
    await page.getByRole('tab', { name: 'Import' }).click();
    expect(await page.getByTestId('accepted').allTextContents()).toEqual(['200', '6,000']);
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Classify reads').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'All 2 imported files together (each file one sample)' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('samples').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('samples').textContent()).toBe(' Samples: 16s-sample, reads-6k.');
    expect(await page.getByTestId('run-outcome').textContent()).toContain('Classified 6,200 reads');

    // A classifier bundle trained from the app, then chosen as the classifier; a broken folder beside it is not offered.
    await mkdir(join(store, 'bundles', 'half-copied'), { recursive: true });
    await page.getByLabel('Train a classifier bundle').check();
    await page.getByLabel('Bundle name').fill('gold5-head');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Trained gold5-head on gold5 \(dna-kmer, 403 references\)/);
    await page.getByLabel('Classify reads').check();
    await page.getByLabel('Classifier', { exact: true }).selectOption({ label: 'gold5-head: trained bundle (gold5, dna-kmer)' });
    expect(await page.getByText(/^Not offered: bundle folder half-copied: .*bundle\.json is missing/).count()).toBe(1);
    expect(await page.getByLabel('Classifier', { exact: true }).locator('option', { hasText: 'half-copied' }).count()).toBe(0);
    await page.getByLabel('Input', { exact: true }).selectOption({ index: 2 });
    // An empty threshold leaves the bundle's own thresholds: nothing is sent, so the run's config echoes none.
    await page.getByLabel('Minimum confidence').fill('');
    expect(await page.getByLabel('Minimum confidence').getAttribute('placeholder')).toBe("bundle's own");
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Classified 200 reads with bundle gold5-head \(trained on gold5\)/);
    const bundleRun = (await readdir(runs)).filter((name) => name.endsWith('-classify')).sort().at(-1)!;
    expect(await readFile(join(runs, bundleRun, 'experiment_config.yaml'), 'utf8')).toMatch(/^bundle: /m);
    expect(await readFile(join(runs, bundleRun, 'experiment_config.yaml'), 'utf8')).not.toMatch(/^min_confidence/m);
    expect(errors).toEqual([]);
  });

  it('builds a GO reference set with its annotation files, annotates proteins from the seed prefilter and the embedding, and previews the terms', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const file of ['reference.fasta', 'queries.fasta']) {
      await page.getByRole('tab', { name: 'Import' }).click();
      await page.getByLabel('or a file or folder path on this machine').fill(join(GO_FIXTURES, file));
      await page.getByRole('button', { name: 'Check' }).click();
      await expect.poll(() => page.getByTestId('accepted').allTextContents(), { timeout: 20_000 }).toContain(file === 'queries.fasta' ? '6' : '100');
    }
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Annotate proteins (GO)').check();
    expect(await page.getByText('Build one first: Build a reference set, with its GO annotations and the Gene Ontology.').count()).toBe(1);

    // 100 Swiss-Prot proteins, their GO annotations (GAF) and a GO subset (OBO).
    await page.getByLabel('Build a reference set').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'reference.fasta — 100 records' });
    await page.getByLabel('Model').selectOption('protein-kmer');
    await page.getByLabel('Reference name').fill('sprot');
    await page.getByLabel('GO annotations (optional)').fill(join(GO_FIXTURES, 'reference.gaf'));
    await page.getByLabel('Gene Ontology (with GO annotations)').fill(join(GO_FIXTURES, 'go-subset.obo'));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Reference sprot: 100 records, 0 with a lineage, 100 with GO terms \(\d+ terms\), embedded 100/);
    // Only references with lineages are offered as classifiers.
    await page.getByLabel('Classify reads').check();
    expect(await page.getByLabel('Classifier', { exact: true }).locator('option', { hasText: 'sprot' }).count()).toBe(0);

    await page.getByLabel('Annotate proteins (GO)').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'queries.fasta — 6 records' });
    // The DNA reference has no GO terms and is not offered; the default is seeds and embedding together.
    expect(await page.getByLabel('GO reference').locator('option').allTextContents()).toEqual(['sprot — 100 proteins with GO terms, protein-kmer']);
    expect(await page.getByLabel('Hits from').inputValue()).toBe('both');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Annotated 5 of 6 proteins with GO terms from sprot/);
    expect(await page.getByTestId('run-outcome').textContent()).toMatch(/homology seeds: \d+ candidates aligned/);

    // Copies of references get their terms at identity 1; the shuffled protein has no significant homologue.
    const terms = page.getByRole('table', { name: 'GO terms' });
    await terms.waitFor();
    await shoot('8-annotate');
    await page.getByLabel('Filter GO terms').fill('q_self_P68142');
    const rows = await terms.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^q_self_P68142GO:\d{7}[A-Z]{2}.*1\.000\d+$/);
    await page.getByLabel('Filter GO terms').fill('q_shuffled');
    expect(await terms.locator('tbody tr').count()).toBe(0);

    // The run opens in Results, and again later from the Home screen's list of runs.
    await page.getByRole('button', { name: 'Open in Results' }).click();
    await page.getByRole('heading', { name: /^GO terms .*-annotate$/ }).waitFor();
    expect(await page.getByTestId('go-rows').textContent()).toMatch(/^Showing 23 of 23 matching rows/);
    await page.getByRole('tab', { name: 'Home' }).click();
    const annotateRun = page.getByRole('listitem').filter({ hasText: 'annotate' });
    await annotateRun.getByRole('button', { name: 'GO terms' }).click();
    await page.getByRole('table', { name: 'GO terms' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('imports an aligned FASTA (refused with the gap named, accepted with gaps removed), classifies it with per-rank thresholds and a count table, and builds a reference cut to a primer region', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The first 20 records of the sample as an alignment tool writes them: gap runs inside and at both ends.
    const records = [...fastaRecords(await readFile(SAMPLE, 'utf8'))].slice(0, 20);
    const aligned = join(store, '..', 'aligned.fasta');
    await writeFile(aligned, records.map(([id, sequence]) => `>${id}\n..${sequence.replace(/(.{40})/g, '$1--')}..\n`).join(''));

    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('or a file or folder path on this machine').fill(aligned);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.locator('.issues li').allTextContents(), { timeout: 20_000 }).toContain(
      `aligned.fasta: record 1 (line 1, id "${records[0]![0]}"): illegal character '.' at position 1 for a dna sequence (an alignment gap: remove gaps with --remove-gaps, or remove_gaps: true in a run.yaml)`,
    );
    expect(await page.getByTestId('accepted').allTextContents()).toContain('0');
    await page.getByLabel(/Remove alignment gaps/).check();
    await expect.poll(() => page.getByTestId('accepted').allTextContents(), { timeout: 20_000 }).toContain('20');

    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Classify reads').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'aligned.fasta — 20 records' });
    // Per-rank thresholds in the command line's syntax: text that does not parse is named and cannot run.
    await page.getByLabel('Per rank (optional)').fill('genus');
    expect(await page.getByText(/^Per rank: rank=number pairs/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Per rank (optional)').fill('genus=0.9');
    await page.getByLabel('Minimum confidence').fill('0.6');
    expect(await page.getByLabel(/either orientation/).isChecked()).toBe(true);
    await page.getByLabel(/either orientation/).uncheck();
    // A count table of the reads over two samples (as vsearch --otutabout writes it): ten reads in a pond, five of them in a river too.
    const counts = join(store, '..', 'otutab.tsv');
    await writeFile(counts, `#OTU ID\tpond\triver\n${records.slice(0, 10).map(([id], i) => `${id}\t2\t${i < 5 ? 3 : 0}\n`).join('')}`);
    await page.getByLabel('Count table (optional)').fill(counts);
    // Reads said to carry 2% sequencing errors (FASTA states none): calibrated on references with as many.
    await page.getByLabel('Sequencing errors (%)').fill('2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // The ten reads counted nowhere are in no sample, and are left out (with a warning).
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Classified 10 reads against gold5/);
    expect(await page.locator('ul.messages li').allTextContents()).toContainEqual(expect.stringMatching(/^10 of 20 reads have no count in otutab\.tsv/));
    expect(await page.locator('.assigned li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^family: \d+ \(confidence ≥ 0\.6\)$/), expect.stringMatching(/^genus: \d+ \(confidence ≥ 0\.9\)$/)]));
    const runs = join(store, 'runs');
    const classifyRuns = (await readdir(runs)).filter((name) => name.endsWith('-classify')).sort();
    const config = await readFile(join(runs, classifyRuns.at(-1)!, 'experiment_config.yaml'), 'utf8');
    expect(config).toMatch(/^remove_gaps: true$/m);
    expect(config).toMatch(/^strand: forward$/m);
    expect(config).toMatch(/^min_confidence:\n {2}default: 0.6\n {2}genus: 0.9$/m);
    expect(config).toContain(`counts: ${counts}`);
    expect(config).toMatch(/^ {2}read_error_rate: 0\.02$/m);
    expect(await page.getByTestId('read-error-rate').textContent()).toBe(' Calibrated for reads with 2.0% sequencing errors.');
    await page.getByRole('button', { name: 'Open results' }).click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('15 of 15 rows (10 reads, a row per sample each is counted in)');
    // The feature table (reads × samples, with lineages) as BIOM, for phyloseq.
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('feature-table');
    await page.getByLabel('Format').selectOption('biom');
    const featureFile = await page.getByLabel('Write to').inputValue();
    expect(featureFile).toMatch(/feature_table\.biom$/);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-outcome').textContent(), { timeout: 20_000 }).toContain('feature_table.biom — 10 records');
    const features = JSON.parse(await readFile(featureFile, 'utf8')) as { columns: { id: string }[]; data: [number, number, number][] };
    const columnTotal = (sample: string) => features.data.filter(([, c]) => features.columns[c]!.id === sample).reduce((sum, [, , value]) => sum + value, 0);
    expect([columnTotal('pond'), columnTotal('river')]).toEqual([20, 15]);
    // Diversity over the reads themselves: per sample, the ten reads (ASVs) in the pond and five in the river.
    await page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('diversity');
    await page.getByLabel('Features').selectOption('reads');
    expect(await page.locator('#export-rank').count()).toBe(0);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-outcome').textContent(), { timeout: 20_000 }).toMatch(/alpha_diversity\.tsv — 2 records/);
    const alpha = (await readFile(join(await page.getByLabel('Write to').inputValue(), 'alpha_diversity.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t').slice(0, 3));
    expect(alpha.slice(1)).toEqual([['pond', '20', '10'], ['river', '15', '5']]);

    // A reference set cut to the V4 region for amplicon reads; the references without both primer sites are listed.
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('or a file or folder path on this machine').fill(REFERENCE);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByTestId('accepted').allTextContents(), { timeout: 20_000 }).toContain('403');
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Build a reference set').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'reference.fasta.gz — 403 records' });
    await page.getByLabel('Reference name').fill('gold5-v4');
    await page.getByLabel('Amplified region (optional)').fill('GTGYCAGCMGCCGCGGTAA');
    expect(await page.getByText(/^Two primers, forward,reverse/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Amplified region (optional)').fill('GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Reference gold5-v4: 396 records, 396 with a lineage, embedded 396 in [\d.]+ s; 7 records of the file left out\./);
    await page.getByText('Left out: 7 records').click();
    const leftOut = await page.getByRole('list', { name: 'left-out records' }).locator('li').allTextContents();
    expect(leftOut).toHaveLength(7);
    for (const line of leftOut) expect(line).toMatch(/^reference\.fasta\.gz: record \d+ \(line \d+, id "[^"]+"\): (forward|reverse) primer .* not found on either strand with at most [34] mismatches$/);
    expect(errors).toEqual([]);
  });

  it('merges paired-end files dropped with the rest, denoises them, puts the results in their place, and classifies them with the count table', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A MiSeq folder: two samples' R1/R2 FASTQ simulated from 300 bases of the sample's 16S reads (2 × 200-base reads).
    const folder = join(store, '..', 'MiSeq_run');
    await mkdir(folder, { recursive: true });
    const amplicons = [...fastaRecords(await readFile(SAMPLE, 'utf8'))].map(([, sequence]) => sequence.toUpperCase().slice(400, 700)).filter((a) => /^[ACGT]{300}$/.test(a));
    const random = mulberry32(7);
    // One pond amplicon is a PCR chimera of two references of different families (the first 150 bases of one, the rest of the other).
    const referenceText = gunzipSync(await readFile(REFERENCE)).toString('utf8');
    const familyOf = new Map(referenceText.split('\n').filter((line) => line.startsWith('>')).map((line) => [line.slice(1).split(/\s/)[0]!, line.split('; ')[4]!]));
    const parent = (family: string) => [...fastaRecords(referenceText)].find(([id]) => familyOf.get(id) === family)![1].toUpperCase().slice(400, 700);
    const chimera = parent('Bacillaceae').slice(0, 150) + parent('Enterobacteriaceae').slice(150);
    for (const [sample, members] of [['pond', [...amplicons.slice(0, 30), chimera]], ['river', amplicons.slice(30, 60)]] as const) {
      const pairs = members.map((amplicon) => simulatedPair(random, amplicon, 200));
      const fastq = (side: 'forward' | 'reverse') => pairs.map((pair, i) => `@${sample}-${i} ${side === 'forward' ? 1 : 2}:N:0:1\n${pair[side].sequence}\n+\n${pair[side].quality}\n`).join('');
      await writeFile(join(folder, `${sample}_S1_L001_R1_001.fastq`), fastq('forward'));
      await writeFile(join(folder, `${sample}_S1_L001_R2_001.fastq`), fastq('reverse'));
    }
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('or a file or folder path on this machine').fill(folder);
    await page.getByRole('button', { name: 'Check' }).click();
    const offer = page.getByRole('region', { name: 'paired-end reads' });
    await expect.poll(() => offer.textContent(), { timeout: 20_000 }).toContain('4 files are the forward and reverse reads of 2 paired-end samples (pond, river)');
    // A pair of files is one sample in the metadata form, named as the merged file will be.
    const sampleNames = await Promise.all((await page.getByLabel(/^sample name \d+$/).all()).map((cell) => cell.inputValue()));
    expect(sampleNames).toEqual(expect.arrayContaining(['pond', 'river']));
    expect(sampleNames.filter((name) => name.includes('_R1'))).toEqual([]);
    await page.getByLabel('most expected errors').fill('1');
    // Primers are optional; one primer alone is named and cannot run.
    await page.getByLabel('primers to cut merged reads to').fill('GTGYCAGCMGCCGCGGTAA');
    expect(await offer.getByText(/^Two primers, forward,reverse/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Merge pairs' }).isDisabled()).toBe(true);
    await page.getByLabel('primers to cut merged reads to').fill('');
    await page.getByRole('button', { name: 'Merge pairs' }).click();
    await expect.poll(() => page.getByTestId('merge-outcome').textContent(), { timeout: 30_000 }).toMatch(/^Merged 61 of 61 read pairs \(100\.0%\)/);
    // The merged files replace the pairs in the list, and the offer to merge goes with them.
    await expect.poll(() => page.locator('table.report [data-testid=file-name]').allTextContents(), { timeout: 20_000 }).toEqual(expect.arrayContaining(['pond.fastq', 'river.fastq']));
    expect(await page.locator('table.report [data-testid=file-name]').allTextContents()).not.toContain('pond_S1_L001_R1_001.fastq');
    expect(await page.getByRole('button', { name: 'Merge pairs' }).count()).toBe(0);
    expect(await page.locator('tr', { hasText: 'pond.fastq' }).getByTestId('made-by').textContent()).toBe('merged pairs');
    // Denoised: each read here is a sequence of its own (seen once), so the smallest count is 1; the denoised file and
    // its count table replace the merged files, and the metadata form keeps the table's samples.
    await page.getByLabel('smallest count of a true sequence').fill('1');
    await page.getByRole('button', { name: 'Denoise', exact: true }).click();
    await expect.poll(() => page.getByTestId('denoise-outcome').textContent(), { timeout: 30_000 }).toMatch(/^61 true sequences from 61 reads \(61 counted\); they replace the merged files/);
    await expect.poll(() => page.locator('table.report [data-testid=file-name]').allTextContents(), { timeout: 20_000 }).toContain('zotus.fasta');
    expect(await page.locator('table.report [data-testid=file-name]').allTextContents()).not.toContain('pond.fastq');
    expect(await page.locator('tr', { hasText: 'zotus.fasta' }).getByTestId('made-by').textContent()).toBe('denoised, with count table zotus.tsv');
    const samplesNow = await Promise.all((await page.getByLabel(/^sample name \d+$/).all()).map((cell) => cell.inputValue()));
    expect(samplesNow).toEqual(expect.arrayContaining(['pond', 'river']));
    expect(samplesNow).not.toContain('zotus');
    await shoot('9-paired-reads');

    // Run: the denoised file is classified with its count table, one column per sample.
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Classify reads').check();
    await page.getByLabel('Input', { exact: true }).selectOption({ label: 'zotus.fasta — 61 records' });
    expect(await page.getByLabel('Count table (optional)').inputValue()).toMatch(/zotus\.tsv$/);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 }).toMatch(/^Classified 61 reads against gold5/);
    expect(await page.getByTestId('samples').textContent()).toBe(' Samples: pond, river.');
    expect(await page.getByTestId('chimeras').textContent()).toBe(' 1 chimera of two references (chimeras.tsv).');
    // Results: the chimera is marked in the table, and the novelty filter finds it.
    await page.getByRole('button', { name: 'Open results' }).click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('61 of 61 reads');
    await page.getByLabel('novelty').selectOption('chimera');
    expect(await page.getByTestId('row-count').textContent()).toBe('1 of 61 reads');
    expect(await page.locator('.table-body [role=row] [role=cell]').nth(3).textContent()).toMatch(/ chimera$/);
    // The two samples compared: a row each (the chimera left out of the pond's reads), and their rarefaction curves.
    const rowsOf = await page.getByRole('table', { name: 'alpha diversity' }).locator('tbody tr').all();
    const alphaRows = await Promise.all(rowsOf.map(async (row) => (await row.locator('td').allTextContents()).slice(0, 2)));
    expect(alphaRows).toEqual([['pond', '30'], ['river', '30']]);
    await expect.poll(() => page.getByRole('img', { name: 'rarefaction curves' }).count(), { timeout: 20_000 }).toBe(1);
    expect(errors).toEqual([]);
  });
  it('filters single-end FASTQ files (primers, truncation), denoises them, and names in the list what each step wrote', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // An Ion Torrent folder: two samples' single 180-base reads of 200 bases of the sample's 16S reads, each read
    // starting with a concrete 515F; twelve reads of each of ten amplicons per sample, and one read of another marker.
    const folder = join(store, '..', 'IonTorrent_run');
    await mkdir(folder, { recursive: true });
    const regions = [...fastaRecords(await readFile(SAMPLE, 'utf8'))].map(([, sequence]) => sequence.toUpperCase().slice(560, 760)).filter((r) => /^[ACGT]{200}$/.test(r));
    const random = mulberry32(11);
    for (const [sample, members] of [['lakeA', regions.slice(0, 10)], ['lakeB', regions.slice(5, 15)]] as const) {
      const reads = members.flatMap((region) => Array.from({ length: 12 }, () => simulatedRead(random, `GTGCCAGCAGCCGCGGTAA${region}`, 180)));
      reads.push({ sequence: regions[20]!.slice(0, 180), quality: 'I'.repeat(180), errors: 0 });
      await writeFile(join(folder, `${sample}.fastq`), reads.map((read, i) => `@${sample}-${i}\n${read.sequence}\n+\n${read.quality}\n`).join(''));
    }
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('or a file or folder path on this machine').fill(folder);
    await page.getByRole('button', { name: 'Check' }).click();
    const offer = page.getByRole('region', { name: 'single-end reads' });
    await expect.poll(() => offer.textContent(), { timeout: 20_000 }).toContain('2 FASTQ files hold single reads (lakeA.fastq, lakeB.fastq)');
    // One primer alone is named and cannot run.
    await page.getByLabel('primers to cut single reads to').fill('GTGYCAGCMGCCGCGGTAA');
    expect(await offer.getByText(/^Two primers, forward,reverse/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Filter reads' }).isDisabled()).toBe(true);
    await page.getByLabel('primers to cut single reads to').fill('GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT');
    await page.getByLabel('truncate reads to').fill('150');
    await page.getByRole('button', { name: 'Filter reads' }).click();
    await expect.poll(() => page.getByTestId('filter-outcome').textContent(), { timeout: 30_000 }).toMatch(/^Kept (\d+) of 242 reads/);
    const kept = Number(/^Kept (\d+)/.exec((await page.getByTestId('filter-outcome').textContent())!)![1]);
    // The other marker's reads have no 515F; a few simulated reads have too many expected errors.
    expect(kept).toBeGreaterThan(200);
    expect(kept).toBeLessThanOrEqual(240);
    // The filtered files (same names, the filter's folder) replace the originals, and the offer goes with them.
    await expect.poll(() => page.locator('tr', { hasText: 'lakeA.fastq' }).getByTestId('made-by').textContent(), { timeout: 20_000 }).toBe('filtered reads');
    expect(await page.locator('tr', { hasText: 'lakeA.fastq' }).getByTestId('file-name').getAttribute('title')).not.toContain('IonTorrent_run');
    expect(await page.getByRole('button', { name: 'Filter reads' }).count()).toBe(0);
    const denoise = page.getByRole('group', { name: 'denoise filtered reads' });
    await denoise.getByRole('button', { name: 'Denoise', exact: true }).click();
    // Fifteen amplicons, each read 24 or 12 times: the true 150-base beginnings.
    await expect.poll(() => page.getByTestId('denoise-outcome').last().textContent(), { timeout: 30_000 }).toMatch(/^15 true sequences from \d+ reads/);
    await expect.poll(() => page.locator('table.report [data-testid=file-name]').allTextContents(), { timeout: 20_000 }).not.toContain('lakeA.fastq');
    const samplesNow = await Promise.all((await page.getByLabel(/^sample name \d+$/).all()).map((cell) => cell.inputValue()));
    expect(samplesNow).toEqual(expect.arrayContaining(['lakeA', 'lakeB']));
    await shoot('10-single-reads');
    // A MinKNOW run folder: a barcode's chunk files are one row of the report (its counts summed) and one sample.
    const minion = join(store, '..', 'minion', 'fastq_pass', 'barcode07');
    await mkdir(minion, { recursive: true });
    for (let chunk = 0; chunk < 3; chunk += 1) {
      await writeFile(join(minion, `FAW12345_pass_barcode07_6b5e4d3c_0a1b2c3d_${chunk}.fastq`), regions.slice(chunk * 4, chunk * 4 + 4).map((region, i) => `@c${chunk}-${i}\n${region}\n+\n${'5'.repeat(region.length)}\n`).join(''));
    }
    await page.getByLabel('or a file or folder path on this machine').fill(join(store, '..', 'minion'));
    await page.getByRole('button', { name: 'Check' }).click();
    const chunkRow = page.locator('tr', { hasText: 'barcode07 (3 files)' });
    await expect.poll(() => chunkRow.getByTestId('accepted').textContent(), { timeout: 20_000 }).toBe('12');
    expect(await chunkRow.getByTestId('file-name').getAttribute('title')).toBe(['0', '1', '2'].map((n) => `FAW12345_pass_barcode07_6b5e4d3c_0a1b2c3d_${n}.fastq`).join('\n'));
    // Its reads' lengths over the three files, and the error rate their qualities state (Phred 20 throughout: 1%).
    const lengths = regions.slice(0, 12).map((region) => region.length).sort((a, b) => a - b);
    expect(await chunkRow.getByTestId('read-length').textContent()).toBe(String(lengths[5]));
    expect(await chunkRow.getByTestId('read-length').getAttribute('title')).toMatch(new RegExp(`^lengths ${lengths[0]}–${lengths[11]}, median ${lengths[5]}, N50 \\d+$`));
    expect(await chunkRow.getByTestId('read-errors').textContent()).toBe('1.0%');
    expect(await Promise.all((await page.getByLabel(/^sample name \d+$/).all()).map((cell) => cell.inputValue()))).toContain('barcode07');
    // The Run screen says what classify's automatic error rate will be for the chosen file.
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Classify reads').check();
    await page.getByLabel('Input', { exact: true }).selectOption(join(minion, 'FAW12345_pass_barcode07_6b5e4d3c_0a1b2c3d_1.fastq'));
    expect(await page.getByLabel('Sequencing errors (%)').getAttribute('placeholder')).toBe('auto: the qualities state 1.0%');
    expect(errors).toEqual([]);
  });
});
