/**
 * `npm run bench`: runs every benchmark, prints a JSON report and writes it to bench/results/latest.json.
 * Needs the real data of ../shared/refdata/fetch.sh (see bench-env.ts). Figures go into README by hand, with the
 * machine line printed here.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ROOT } from '../main/shared/app-paths.ts';
import { machineLine } from './bench-env.ts';
import { benchEmbedThroughput } from './embed-throughput.ts';
import { benchEmbedMemory } from './embed-memory.ts';
import { benchKmerGeneralisation } from './kmer-generalisation.ts';
import { benchLookupSpeed } from './lookup-speed.ts';
import { benchGoTransfer } from './go-transfer.ts';
import { benchTaxonomyClassify } from './taxonomy-classify.ts';
import { benchTaxonomyBundle } from './taxonomy-bundle.ts';
import { benchTaxonomyAmplicon } from './taxonomy-amplicon.ts';
import { benchUi } from './ui-responsiveness.ts';
import { benchFaultsSoak } from './faults-soak.ts';
import { benchClusterHdbscan } from './cluster-hdbscan.ts';
import { benchUmapSpeed } from './umap-speed.ts';
import { benchDiscoveryEndToEnd } from './discovery-end-to-end.ts';
import { benchMergePairs } from './merge-pairs.ts';
import { benchChimeraCheck } from './chimera-check.ts';
import { benchDenoise } from './denoise.ts';
import { benchFilterReads } from './filter-reads.ts';
import { benchTaxonomyNoisy } from './taxonomy-noisy.ts';
import { benchClassifyScale } from './classify-scale.ts';

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  embedThroughput: benchEmbedThroughput,
  embedMemory18s: benchEmbedMemory,
  kmerGeneralisation: benchKmerGeneralisation,
  lookupSpeed: benchLookupSpeed,
  goTransfer: benchGoTransfer,
  taxonomyClassify: benchTaxonomyClassify,
  taxonomyBundle: benchTaxonomyBundle,
  taxonomyAmplicon: benchTaxonomyAmplicon,
  ui: benchUi,
  faultsSoak: benchFaultsSoak,
  clusterHdbscan: benchClusterHdbscan,
  umapSpeed: benchUmapSpeed,
  discoveryEndToEnd: benchDiscoveryEndToEnd,
  mergePairs: benchMergePairs,
  chimeraCheck: benchChimeraCheck,
  denoise: benchDenoise,
  filterReads: benchFilterReads,
  taxonomyNoisy: benchTaxonomyNoisy,
  classifyScale: benchClassifyScale,
};

const only = process.argv.slice(2);
const report: Record<string, unknown> = { machine: machineLine(), date: new Date().toISOString() };
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.error(`bench ${name}…`);
  report[name] = await run();
  console.error(JSON.stringify(report[name], null, 2));
}
const dir = join(APP_ROOT, 'bench', 'results');
await mkdir(dir, { recursive: true });
await writeFile(join(dir, only.length ? `${only.join('-')}.json` : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
