import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorRateField } from '../components/error-rate-field.tsx';
import { PrimerPairHint, typedPrimerPair } from '../components/primer-pair-field.tsx';
import { numberOrBlank } from '../model/number-input.ts';
import { statedErrorRate } from '../../../main/io/read-profile.ts';
import { JobStatus } from '../components/job-status.tsx';
import type { JobName } from '../../../main/api/contract/api-contract.ts';
import { ErrorLine } from '../components/error-line.tsx';
import { LabelFileField } from '../components/label-file-field.tsx';
import { useApp } from '../model/app-context.ts';
import { formatCount, joinPath, lastPart } from '../model/format.ts';
import { chosenMinConfidence } from '../model/confidence-choice.ts';
import { newRunDir } from '../model/run-dirs.ts';
import { useCall } from '../model/use-call.ts';
import { readInterrupted } from '../model/interrupted-job.ts';
import { useJob, type JobState } from '../model/use-job.ts';
import { RunOutcome } from './run-outcome.tsx';

type Mode = 'classify' | 'annotate' | 'embed' | 'reference' | 'train';
type Candidates = 'both' | 'seeds' | 'embedding';
const DEVICES = ['auto', 'cpu', 'cuda', 'dml', 'webgpu'] as const;
type Device = (typeof DEVICES)[number];

const isActive = (state: JobState) => state === 'starting' || state === 'running';
/** The Input choice that classifies every imported file together, each file the sample of its reads. */
const ALL_INPUTS = '*';
/** Classifier choices are reference names, or a bundle folder behind this prefix (reference names cannot hold ':'). */
const BUNDLE = 'bundle:';
const MODE_LABELS: Record<Mode, string> = {
  classify: 'Classify reads', annotate: 'Annotate proteins (GO)', embed: 'Embed only', reference: 'Build a reference set', train: 'Train a classifier bundle',
};
const MODE_OF_JOB: Partial<Record<JobName, Mode>> = { classify: 'classify', annotate: 'annotate', embed: 'embed', buildReference: 'reference', train: 'train' };
const CANDIDATE_LABELS: Record<Candidates, string> = {
  both: 'homology seeds and embedding neighbours, ranked by alignment (most accurate)',
  seeds: 'homology seeds only, ranked by alignment',
  embedding: 'embedding neighbours only (goPredSim / FANTASIA)',
};

/**
 * The run configuration of a GO annotation from the screen's choices. With seed candidates, each term is scored by
 * the local identity of the best significant hit carrying it, with one hit per query unless k is given: the setting
 * that matched diamond on the GO benchmark (README, Benchmarks). Embedding neighbours keep annotate's defaults.
 */
function annotateOverrides(candidates: Candidates, k: number | '', device: Device, removeGaps: boolean): Record<string, unknown> {
  const embedding = { device, threads: 0 };
  if (candidates === 'embedding') return { candidates: { source: candidates }, embedding, remove_gaps: removeGaps, ...(k === '' ? {} : { limit_per_entry: k }) };
  return {
    candidates: { source: candidates }, embedding, remove_gaps: removeGaps, limit_per_entry: k === '' ? 1 : k,
    alignment: { enabled: true, modes: ['local'] },
    summary: { aggregations: { identity: ['max'], reliability_index: ['max'] }, weights: { identity_max: 1 } },
  };
}

/** Runs a classification, an embedding or a reference build on an imported file, with live progress and resume. */
export function RunScreen() {
  const { store, inputs, openRun, openGoRun } = useApp();
  const models = useCall('listModels', {});
  const references = useCall('listReferences', store ? { store } : null);
  const bundles = useCall('listBundles', store ? { store } : null);
  // An interrupted job of this store (paused, or stopped by a reload or restart) opens its own mode, ready to resume.
  const [mode, setMode] = useState<Mode>(() => {
    const interrupted = readInterrupted(store)?.job;
    return (interrupted && MODE_OF_JOB[interrupted]) || 'classify';
  });
  const [input, setInput] = useState(inputs.find((r) => r.summary.accepted > 0)?.input ?? '');
  const [reference, setReference] = useState('');
  const [model, setModel] = useState('');
  const [device, setDevice] = useState<Device>('auto');
  const [minConfidence, setMinConfidence] = useState<number | ''>('');
  const [perRankConfidence, setPerRankConfidence] = useState('');
  const [bothStrands, setBothStrands] = useState(true);
  const [k, setK] = useState<number | ''>('');
  // Percent, as people quote sequencing accuracy; blank: auto (what FASTQ qualities state).
  const [errorPercent, setErrorPercent] = useState<number | ''>('');
  const [maxBatch, setMaxBatch] = useState<number | ''>('');
  const [referenceName, setReferenceName] = useState('');
  const [bundleName, setBundleName] = useState('');
  const [taxonomyFile, setTaxonomyFile] = useState('');
  const [goAnnotationsFile, setGoAnnotationsFile] = useState('');
  const [ontologyFile, setOntologyFile] = useState('');
  const [primers, setPrimers] = useState('');
  const [countsFile, setCountsFile] = useState('');
  const [goReference, setGoReference] = useState('');
  const [candidates, setCandidates] = useState<Candidates>('both');
  const classify = useJob('classify');
  const embed = useJob('embed');
  const build = useJob('buildReference', () => references.reload());
  const train = useJob('train', () => bundles.reload());
  const annotate = useJob('annotate');
  const job = { classify, annotate, embed, reference: build, train }[mode];
  const usableBundles = (bundles.data ?? []).filter((b) => b.problem === null);
  // Classification votes with lineages (a set labelled only with taxids or GO terms names no taxon), so only sets
  // with lineages are offered as classifiers; GO sets are offered to Annotate.
  const taxonomyReferences = useMemo(() => (references.data ?? []).filter((r) => r.labelled.lineage > 0), [references.data]);
  const goReferences = useMemo(() => (references.data ?? []).filter((r) => r.labelled.go > 0), [references.data]);

  useEffect(() => {
    if (!reference && taxonomyReferences[0]) setReference(taxonomyReferences[0].name);
  }, [taxonomyReferences, reference]);
  useEffect(() => {
    if (!model && models.data?.models[0]) setModel(models.data.models[0].id);
  }, [models.data, model]);
  useEffect(() => {
    if (!goReference && goReferences[0]) setGoReference(goReferences[0].name);
  }, [goReferences, goReference]);
  // A file that came with a count table (denoised on the Import screen) is classified with it.
  useEffect(() => {
    const table = inputs.find((r) => r.input === input)?.countTable;
    if (table) setCountsFile(table.path);
  }, [input, inputs]);

  if (!store) return <p>Open a store on the Home screen first.</p>;

  const usable = inputs.filter((r) => r.summary.accepted > 0).map((r) => r.input);
  const classifyInput = input === ALL_INPUTS ? usable : input;
  // What auto will calibrate for: the rate the chosen files' qualities state, as the Import screen measured it.
  const chosen = inputs.filter((r) => (input === ALL_INPUTS ? usable.includes(r.input) : r.input === input));
  // As classify measures it: over the FASTQ files among them (a FASTA file states nothing and is left out).
  const stated = chosen.every((r) => r.profile) ? statedErrorRate(chosen.map((r) => r.profile!)) : null;
  const autoRate = stated === null ? 'auto (from FASTQ qualities)' : `auto: the qualities state ${(100 * stated).toFixed(1)}%`;
  const batch = maxBatch === '' ? {} : { batch: { maxBatchSize: maxBatch } };
  const confidence = chosenMinConfidence(minConfidence, perRankConfidence);
  // Blank: whole records; else the region between two primers (null: not two primers yet).
  const region = typedPrimerPair(primers);
  // Files are read as the Import screen checked them (with or without alignment gaps removed).
  const removeGaps = inputs.some((r) => r.removeGaps && (input === ALL_INPUTS ? usable.includes(r.input) : r.input === input));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'classify') {
      const overrides: Record<string, unknown> = { embedding: { device, threads: 0 }, remove_gaps: removeGaps, strand: bothStrands ? 'both' : 'forward' };
      // Undefined: the engine's default (or a bundle's own thresholds); 0 is a choice (every call assigned).
      if (confidence !== undefined && confidence !== null) overrides.min_confidence = confidence;
      if (countsFile.trim() !== '') overrides.counts = countsFile.trim();
      const classifier = reference.startsWith(BUNDLE) ? { bundle: reference.slice(BUNDLE.length) } : { reference };
      // k is the nearest-references vote's; a bundle has no references to vote.
      if (k !== '' && 'reference' in classifier) overrides.k = k;
      if (errorPercent !== '') overrides.calibration = { read_error_rate: errorPercent / 100 };
      classify.start({ input: classifyInput, ...classifier, store, out: newRunDir(store, 'classify'), overrides });
    } else if (mode === 'annotate') {
      annotate.start({ input, reference: goReference, store, out: newRunDir(store, 'annotate'), overrides: annotateOverrides(candidates, k, device, removeGaps) });
    } else if (mode === 'embed') embed.start({ input, store, model, device, removeGaps, ...batch });
    else if (mode === 'reference') {
      const sideFiles = { taxonomy: taxonomyFile.trim(), goAnnotations: goAnnotationsFile.trim(), ontology: ontologyFile.trim() };
      build.start({ input, name: referenceName, model, store, device, removeGaps, ...(region ? { region } : {}), ...batch, ...Object.fromEntries(Object.entries(sideFiles).filter(([, path]) => path !== '')) });
    }
    else train.start({ reference, store, out: joinPath(joinPath(store, 'bundles'), bundleName), ...(errorPercent === '' ? {} : { readErrorRate: errorPercent / 100 }) });
  };
  const ready =
    mode === 'train'
      ? reference !== '' && !reference.startsWith(BUNDLE) && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(bundleName)
      : mode === 'annotate'
        ? input !== '' && input !== ALL_INPUTS && goReference !== ''
        : input !== '' && (mode === 'classify' ? reference !== '' && confidence !== null : input !== ALL_INPUTS && model !== '' && (mode === 'embed' || (referenceName !== '' && region !== null)));

  return (
    <section aria-labelledby="run-title">
      <h1 id="run-title">Run</h1>
      <form onSubmit={submit} className="settings">
        <fieldset className="modes">
          <legend>What to run</legend>
          {(['classify', 'annotate', 'embed', 'reference', 'train'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} disabled={isActive(job.state)} />
              {MODE_LABELS[m]}
            </label>
          ))}
        </fieldset>
        {mode !== 'train' && <label htmlFor="run-input">Input</label>}
        {mode !== 'train' && <select id="run-input" value={input} onChange={(e) => setInput(e.target.value)}>
          <option value="">(import a file first)</option>
          {mode === 'classify' && usable.length > 1 && <option value={ALL_INPUTS}>All {usable.length} imported files together (each file one sample)</option>}
          {inputs.map((r) => (
            <option key={r.input} value={r.input}>{lastPart(r.input)} — {formatCount(r.summary.accepted)} records</option>
          ))}
        </select>}
        {mode === 'train' ? (
          <>
            <label htmlFor="run-reference">Reference</label>
            <select id="run-reference" value={reference} onChange={(e) => setReference(e.target.value)}>
              {taxonomyReferences.map((r) => (
                <option key={r.name} value={r.name}>{r.name} — {formatCount(r.records)} records, {r.embeddings.map((e) => e.model).join(', ')}</option>
              ))}
            </select>
            <label htmlFor="run-bundle-name">Bundle name</label>
            <input id="run-bundle-name" value={bundleName} onChange={(e) => setBundleName(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" placeholder="silva-16s-head" />
            <ErrorRateField id="run-train-error-rate" label="Reads' sequencing errors (%)" placeholder="0 (Illumina)" value={errorPercent} onChange={setErrorPercent} />
            <p className="hint full-row">For noisy reads (Nanopore: about 5%) the bundle learns from the references and from copies of them with as many errors, and is calibrated on the copies.</p>
          </>
        ) : mode === 'annotate' ? (
          <>
            <label htmlFor="run-go-reference">GO reference</label>
            <select id="run-go-reference" value={goReference} onChange={(e) => setGoReference(e.target.value)}>
              {goReferences.length === 0 && <option value="">(no reference set with GO annotations)</option>}
              {goReferences.map((r) => (
                <option key={r.name} value={r.name}>{r.name} — {formatCount(r.labelled.go)} proteins with GO terms, {r.embeddings.map((e) => e.model).join(', ')}</option>
              ))}
            </select>
            {references.data && goReferences.length === 0 && (
              <p className="hint full-row">Build one first: Build a reference set, with its GO annotations and the Gene Ontology.</p>
            )}
            <label htmlFor="run-candidates">Hits from</label>
            <select id="run-candidates" value={candidates} onChange={(e) => setCandidates(e.target.value as Candidates)}>
              {(['both', 'seeds', 'embedding'] as const).map((c) => <option key={c} value={c}>{CANDIDATE_LABELS[c]}</option>)}
            </select>
            <label htmlFor="run-k">Hits per protein (k)</label>
            <input id="run-k" type="number" min={1} max={50} placeholder={candidates === 'embedding' ? '5' : '1'} value={k} onChange={(e) => setK(numberOrBlank(e.target.value))} />
          </>
        ) : mode === 'classify' ? (
          <>
            <label htmlFor="run-reference">Classifier</label>
            <select id="run-reference" value={reference} onChange={(e) => setReference(e.target.value)}>
              {taxonomyReferences.map((r) => (
                <option key={r.name} value={r.name}>{r.name}: nearest of {formatCount(r.records)} references, {r.embeddings.map((e) => e.model).join(', ')}</option>
              ))}
              {usableBundles.map((b) => (
                <option key={b.dir} value={BUNDLE + b.dir}>{b.name}: trained bundle ({b.reference}, {b.model})</option>
              ))}
            </select>
            {(bundles.data ?? []).filter((b) => b.problem !== null).map((b) => (
              <p key={b.dir} className="warning full-row">Not offered: bundle folder {b.name}: {b.problem}</p>
            ))}
            <label htmlFor="run-confidence">Minimum confidence</label>
            <input
              id="run-confidence" type="number" min={0} max={1} step={0.05} placeholder={reference.startsWith(BUNDLE) ? "bundle's own" : '0.5'}
              value={minConfidence} onChange={(e) => setMinConfidence(numberOrBlank(e.target.value))}
            />
            <label htmlFor="run-confidence-ranks">Per rank (optional)</label>
            <input id="run-confidence-ranks" placeholder="genus=0.8,species=0.9" spellCheck={false} value={perRankConfidence} onChange={(e) => setPerRankConfidence(e.target.value)} />
            {confidence === null && <p className="warning full-row">Per rank: rank=number pairs between 0 and 1, such as genus=0.8,species=0.9</p>}
            <label htmlFor="run-k">Neighbours (k)</label>
            <input id="run-k" type="number" min={1} max={20} placeholder="fitted" value={k} onChange={(e) => setK(numberOrBlank(e.target.value))} />
            <ErrorRateField id="run-error-rate" label="Sequencing errors (%)" placeholder={autoRate} value={errorPercent} onChange={setErrorPercent} />
            <p className="hint full-row">Noisy reads (Nanopore: about 5%) are judged against copies of the references with as many errors; FASTQ states its own rate, FASTA needs it given.</p>
            <LabelFileField kind="counts" label="Count table (optional)" value={countsFile} onChange={setCountsFile} placeholder="ASVs × samples: vsearch --otutabout, BIOM TSV, DADA2 seqtab" />
            <p className="hint full-row">With a count table, each read is counted in every sample the table gives it, with its count there, instead of in one sample.</p>
            <label className="full-row">
              <input type="checkbox" checked={bothStrands} onChange={(e) => setBothStrands(e.target.checked)} /> Reads may come in either orientation: compare
              each read&apos;s reverse complement too (DNA; embeds the reads twice)
            </label>
          </>
        ) : (
          <>
            <label htmlFor="run-model">Model</label>
            <select id="run-model" value={model} onChange={(e) => setModel(e.target.value)}>
              {(models.data?.models ?? []).map((m) => (
                <option key={m.id} value={m.id}>{m.name} ({m.id} {m.version}, {m.alphabet}, {m.dim}-D)</option>
              ))}
            </select>
            <label htmlFor="run-max-batch">Sequences per batch</label>
            <input id="run-max-batch" type="number" min={1} step={1} placeholder="the model's default" value={maxBatch} onChange={(e) => setMaxBatch(e.target.value === '' ? '' : Math.max(1, Math.round(Number(e.target.value))))} title="Fewer needs less GPU memory and commits more often (a pause or crash redoes less); a resumed job keeps the size it started with" />
            {mode === 'reference' && (
              <>
                <label htmlFor="run-reference-name">Reference name</label>
                <input id="run-reference-name" value={referenceName} onChange={(e) => setReferenceName(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" placeholder="silva-16s" />
                <p className="hint full-row">Labels come from the FASTA headers (lineages, SINTAX, taxids); these optional files add or replace them.</p>
                <LabelFileField kind="taxonomy" label="Taxonomy file (optional)" value={taxonomyFile} onChange={setTaxonomyFile} placeholder="id<TAB>lineage, as QIIME/RDP" />
                <LabelFileField kind="goAnnotations" label="GO annotations (optional)" value={goAnnotationsFile} onChange={setGoAnnotationsFile} placeholder="GAF 2.2, or id<TAB>GO:a,GO:b" />
                <LabelFileField kind="ontology" label="Gene Ontology (with GO annotations)" value={ontologyFile} onChange={setOntologyFile} placeholder="go-basic.obo or GO.sqlite" />
                <label htmlFor="run-primers">Amplified region (optional)</label>
                <input id="run-primers" value={primers} onChange={(e) => setPrimers(e.target.value)} spellCheck={false} placeholder="forward,reverse primer, e.g. GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT" />
                <PrimerPairHint region={region} fullRow>
                  For amplicon reads: each reference is cut to the region between the primers (5'→3' as published), and references without both sites are left out.
                </PrimerPairHint>
              </>
            )}
          </>
        )}
        <label htmlFor="run-device">Device</label>
        <select id="run-device" value={device} onChange={(e) => setDevice(e.target.value as Device)}>
          {DEVICES.map((d) => <option key={d} value={d}>{d === 'auto' ? 'auto (GPU when available, else CPU)' : d}</option>)}
        </select>
        <div className="actions">
          <button type="submit" className="primary" disabled={!ready || isActive(job.state)}>Run</button>
          <button type="button" onClick={job.pause} disabled={job.state !== 'running'} title="Stops after the current batch is committed; Resume continues from there, also after a reload">Pause</button>
          <button type="button" onClick={job.resume} disabled={!job.resumable || (job.state !== 'paused' && job.state !== 'failed')}>Resume</button>
          <button type="button" onClick={job.cancel} disabled={!isActive(job.state) && job.state !== 'paused'}>Cancel</button>
        </div>
      </form>
      <ErrorLine error={references.error ?? models.error ?? bundles.error} />
      <div aria-live="polite">
        {job.state !== 'idle' && <p className="job-state" data-testid="job-state">{job.state}</p>}
        {job.state === 'paused' && <p className="hint">Paused after a committed batch: Resume continues from there (the store keeps what was done).</p>}
        <JobStatus job={job} />
      </div>
      {mode === 'classify' && classify.result && <RunOutcome kind="classify" result={classify.result} onOpen={() => openRun(classify.result!.out, 'results')} />}
      {mode === 'annotate' && annotate.result && <RunOutcome kind="annotate" result={annotate.result} onOpen={() => openGoRun(annotate.result!.out)} />}
      {mode === 'embed' && embed.result && <RunOutcome kind="embed" result={embed.result} />}
      {mode === 'reference' && build.result && <RunOutcome kind="reference" result={build.result} />}
      {mode === 'train' && train.result && <RunOutcome kind="train" result={train.result} />}
    </section>
  );
}
