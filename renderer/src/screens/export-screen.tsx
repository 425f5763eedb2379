import { useState, type FormEvent } from 'react';
import type { CallRequest, CallResult } from '../../../main/api/contract/api-contract.ts';
import { CompositionCharts } from '../components/composition-charts.tsx';
import { ErrorLine } from '../components/error-line.tsx';
import { useApp } from '../model/app-context.ts';
import { formatCount, joinPath, lastPart } from '../model/format.ts';
import { useCall } from '../model/use-call.ts';

type ExportRequest = CallRequest<'exportRun'>;
type Kind = ExportRequest['kind'];
type Format = 'tsv' | 'csv' | 'biom';
/** The formats of the table exports; the others have one format each. */
const FORMATS: Partial<Record<Kind, Format[]>> = { 'taxon-table': ['tsv', 'csv'], 'feature-table': ['tsv', 'csv', 'biom'] };

/** Each export of the engine, with the file name it gets by default inside the run's exports folder. */
const KINDS: { kind: Kind; label: string; name: string; folder?: boolean }[] = [
  { kind: 'taxon-table', label: 'Taxon table (TSV/CSV)', name: 'taxon_table' },
  { kind: 'biom', label: 'BIOM 1.0 (QIIME, phyloseq)', name: 'table.biom' },
  { kind: 'feature-table', label: 'Feature table: reads (ASVs) × samples, with taxonomy', name: 'feature_table' },
  { kind: 'report', label: 'HTML report', name: 'report.html' },
  { kind: 'fasta', label: 'FASTA of novel reads / per taxon', name: 'novel.fasta' },
  { kind: 'metadata-template', label: 'Sample metadata template', name: 'samples.tsv' },
  { kind: 'darwin-core', label: 'Darwin Core (GBIF, OBIS)', name: 'darwin-core', folder: true },
  { kind: 'diversity', label: 'Diversity: per sample, rarefaction, between samples (TSV)', name: 'diversity', folder: true },
];

/** Builds the engine request for a kind from the form's fields. */
function request(kind: Kind, run: string, out: string, rank: string, format: Format, metadata: string, features: 'taxa' | 'reads'): ExportRequest {
  const r = rank || undefined;
  switch (kind) {
    case 'taxon-table': return { kind, run, out, rank: r, format: format === 'csv' ? 'csv' : 'tsv' };
    case 'feature-table': return { kind, run, out, format };
    case 'biom': return { kind, run, out, rank: r };
    case 'report': return { kind, run, out, rank: r };
    case 'fasta': return r ? { kind, run, out, rank: r } : { kind, run, out, novel: true };
    case 'metadata-template': return { kind, run, out };
    case 'darwin-core': return { kind, run, out, metadata: metadata || undefined };
    case 'diversity': return features === 'reads' ? { kind, run, out, features } : { kind, run, out, rank: r, features };
  }
}

/** The engine's exports of the open classification run. */
export function ExportScreen() {
  const { host, run, store } = useApp();
  const table = useCall('readRun', run ? { run } : null);
  const [kind, setKind] = useState<Kind>('taxon-table');
  const [rank, setRank] = useState('');
  const [format, setFormat] = useState<Format>('tsv');
  const [metadata, setMetadata] = useState('');
  const [features, setFeatures] = useState<'taxa' | 'reads'>('taxa');
  const [out, setOut] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CallResult<'exportRun'> | null>(null);

  if (!run) return <p>Open a classification run first (Run or Home).</p>;
  const spec = KINDS.find((k) => k.kind === kind)!;
  const fileName = FORMATS[spec.kind] ? `${spec.name}.${format}` : spec.kind === 'fasta' && rank ? `fasta-${rank}` : spec.name;
  const target = out || joinPath(joinPath(run, 'exports'), fileName);

  const chooseTarget = async () => {
    if (host.kind !== 'desktop') return;
    const path = await host.desktop.chooseSavePath(fileName);
    if (path) setOut(path);
  };
  /** The store's sample metadata (Import screen) as this run's samples.tsv; '' when the store describes none of them. */
  const storeMetadataFor = async (runDir: string): Promise<string> => {
    if (!store) return '';
    const written = await host.api.call('writeRunMetadata', { store, run: runDir });
    return written.path ?? '';
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await host.api.call('exportRun', request(kind, run, target, rank, format, metadata || (kind === 'darwin-core' ? await storeMetadataFor(run) : ''), features)));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h1 id="export-title">Export <small>{lastPart(run)}</small></h1>
      <form className="settings" onSubmit={(e) => void submit(e)}>
        <label htmlFor="export-kind">Export</label>
        <select id="export-kind" value={kind} onChange={(e) => { setKind(e.target.value as Kind); setFormat('tsv'); setOut(''); }}>
          {KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
        {kind === 'diversity' && (
          <>
            <label htmlFor="export-features">Features</label>
            <select id="export-features" value={features} onChange={(e) => setFeatures(e.target.value as 'taxa' | 'reads')}>
              <option value="taxa">taxa (at the rank below)</option>
              <option value="reads">reads themselves (ASVs, zotus)</option>
            </select>
          </>
        )}
        {kind !== 'metadata-template' && kind !== 'darwin-core' && kind !== 'feature-table' && !(kind === 'diversity' && features === 'reads') && (
          <>
            <label htmlFor="export-rank">Rank</label>
            <select id="export-rank" value={rank} onChange={(e) => { setRank(e.target.value); setOut(''); }}>
              <option value="">{kind === 'fasta' ? 'novel reads (one file)' : 'full lineage'}</option>
              {(table.data?.ranks ?? []).map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </>
        )}
        {FORMATS[kind] && (
          <>
            <label htmlFor="export-format">Format</label>
            <select id="export-format" value={format} onChange={(e) => { setFormat(e.target.value as Format); setOut(''); }}>
              {FORMATS[kind].map((f) => <option key={f} value={f}>{f === 'biom' ? 'BIOM 1.0 (JSON)' : f.toUpperCase()}</option>)}
            </select>
          </>
        )}
        {kind === 'darwin-core' && (
          <>
            <label htmlFor="export-metadata">Filled metadata TSV</label>
            <input id="export-metadata" value={metadata} onChange={(e) => setMetadata(e.target.value)} placeholder="default: the sample metadata saved on the Import screen" spellCheck={false} />
          </>
        )}
        <label htmlFor="export-out">Write to</label>
        <div className="inline-form">
          <input id="export-out" value={target} onChange={(e) => setOut(e.target.value)} spellCheck={false} />
          {host.kind === 'desktop' && !spec.folder && <button type="button" onClick={() => void chooseTarget()}>Choose…</button>}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Exporting…' : 'Export'}</button>
        </div>
      </form>
      <ErrorLine error={error ?? table.error} />
      {done && (
        <div className="outcome" data-testid="export-outcome" role="status">
          <p>Wrote:</p>
          <ul className="plain-list">
            {done.files.map((f) => <li key={f.path}><code>{f.path}</code> — {formatCount(f.records)} records</li>)}
          </ul>
          {done.skipped && <p className="warning">{formatCount(done.skipped.reads)} reads left out: {done.skipped.reason}</p>}
        </div>
      )}
      {table.data && (
        <>
          <h2>Charts <small className="hint">as PNG or SVG</small></h2>
          <CompositionCharts ranks={table.data.ranks} reads={table.data.reads} />
        </>
      )}
    </section>
  );
}
