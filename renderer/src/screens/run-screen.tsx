import { useEffect, useState, type FormEvent } from 'react';
import type { JobName } from '../../../main/api/contract/api-contract.ts';
import { ErrorLine } from '../components/error-line.tsx';
import { ProgressView } from '../components/progress-view.tsx';
import { useApp } from '../model/app-context.ts';
import { formatCount, joinPath, lastPart } from '../model/format.ts';
import { newRunDir } from '../model/run-dirs.ts';
import { useCall } from '../model/use-call.ts';
import { readInterrupted } from '../model/interrupted-job.ts';
import { useJob, type JobState } from '../model/use-job.ts';
import { RunOutcome } from './run-outcome.tsx';

type Mode = 'classify' | 'embed' | 'reference' | 'train';
const DEVICES = ['auto', 'cpu', 'cuda', 'dml', 'webgpu'] as const;
type Device = (typeof DEVICES)[number];

const isActive = (state: JobState) => state === 'starting' || state === 'running';
/** The Input choice that classifies every imported file together, each file the sample of its reads. */
const ALL_INPUTS = '*';
/** Classifier choices are reference names, or a bundle folder behind this prefix (reference names cannot hold ':'). */
const BUNDLE = 'bundle:';
const MODE_LABELS: Record<Mode, string> = { classify: 'Classify reads', embed: 'Embed only', reference: 'Build a reference set', train: 'Train a classifier bundle' };
const MODE_OF_JOB: Partial<Record<JobName, Mode>> = { classify: 'classify', embed: 'embed', buildReference: 'reference', train: 'train' };

/** Runs a classification, an embedding or a reference build on an imported file, with live progress and resume. */
export function RunScreen() {
  const { store, inputs, openRun } = useApp();
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
  const [minConfidence, setMinConfidence] = useState(0.5);
  const [k, setK] = useState<number | ''>('');
  const [referenceName, setReferenceName] = useState('');
  const [bundleName, setBundleName] = useState('');
  const classify = useJob('classify');
  const embed = useJob('embed');
  const build = useJob('buildReference', () => references.reload());
  const train = useJob('train', () => bundles.reload());
  const job = mode === 'classify' ? classify : mode === 'embed' ? embed : mode === 'reference' ? build : train;
  const usableBundles = (bundles.data ?? []).filter((b) => b.problem === null);

  useEffect(() => {
    if (!reference && references.data?.[0]) setReference(references.data[0].name);
  }, [references.data, reference]);
  useEffect(() => {
    if (!model && models.data?.models[0]) setModel(models.data.models[0].id);
  }, [models.data, model]);

  if (!store) return <p>Open a store on the Home screen first.</p>;

  const usable = inputs.filter((r) => r.summary.accepted > 0).map((r) => r.input);
  const classifyInput = input === ALL_INPUTS ? usable : input;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'classify') {
      const overrides: Record<string, unknown> = { min_confidence: minConfidence, embedding: { device, threads: 0 } };
      const classifier = reference.startsWith(BUNDLE) ? { bundle: reference.slice(BUNDLE.length) } : { reference };
      // k is the nearest-references vote's; a bundle has no references to vote.
      if (k !== '' && 'reference' in classifier) overrides.k = k;
      classify.start({ input: classifyInput, ...classifier, store, out: newRunDir(store, 'classify'), overrides });
    } else if (mode === 'embed') embed.start({ input, store, model, device });
    else if (mode === 'reference') build.start({ input, name: referenceName, model, store, device });
    else train.start({ reference, store, out: joinPath(joinPath(store, 'bundles'), bundleName) });
  };
  const ready =
    mode === 'train'
      ? reference !== '' && !reference.startsWith(BUNDLE) && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(bundleName)
      : input !== '' && (mode === 'classify' ? reference !== '' : input !== ALL_INPUTS && model !== '' && (mode === 'embed' || referenceName !== ''));

  return (
    <section aria-labelledby="run-title">
      <h1 id="run-title">Run</h1>
      <form onSubmit={submit} className="settings">
        <fieldset className="modes">
          <legend>What to run</legend>
          {(['classify', 'embed', 'reference', 'train'] as const).map((m) => (
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
              {(references.data ?? []).map((r) => (
                <option key={r.name} value={r.name}>{r.name} — {formatCount(r.records)} records, {r.embeddings.map((e) => e.model).join(', ')}</option>
              ))}
            </select>
            <label htmlFor="run-bundle-name">Bundle name</label>
            <input id="run-bundle-name" value={bundleName} onChange={(e) => setBundleName(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" placeholder="silva-16s-head" />
          </>
        ) : mode === 'classify' ? (
          <>
            <label htmlFor="run-reference">Classifier</label>
            <select id="run-reference" value={reference} onChange={(e) => setReference(e.target.value)}>
              {(references.data ?? []).map((r) => (
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
            <input id="run-confidence" type="number" min={0} max={1} step={0.05} value={minConfidence} onChange={(e) => setMinConfidence(Number(e.target.value))} />
            <label htmlFor="run-k">Neighbours (k)</label>
            <input id="run-k" type="number" min={1} max={20} placeholder="fitted" value={k} onChange={(e) => setK(e.target.value === '' ? '' : Number(e.target.value))} />
          </>
        ) : (
          <>
            <label htmlFor="run-model">Model</label>
            <select id="run-model" value={model} onChange={(e) => setModel(e.target.value)}>
              {(models.data?.models ?? []).map((m) => (
                <option key={m.id} value={m.id}>{m.name} ({m.id} {m.version}, {m.alphabet}, {m.dim}-D)</option>
              ))}
            </select>
            {mode === 'reference' && (
              <>
                <label htmlFor="run-reference-name">Reference name</label>
                <input id="run-reference-name" value={referenceName} onChange={(e) => setReferenceName(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" placeholder="silva-16s" />
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
        <ProgressView stages={job.stages} finished={job.state === 'done'} />
        <ErrorLine error={job.error} />
        {job.messages.length > 0 && <ul className="messages">{job.messages.map((m, i) => <li key={i} className={m.level}>{m.text}</li>)}</ul>}
      </div>
      {mode === 'classify' && classify.result && <RunOutcome kind="classify" result={classify.result} onOpen={() => openRun(classify.result!.out, 'results')} />}
      {mode === 'embed' && embed.result && <RunOutcome kind="embed" result={embed.result} />}
      {mode === 'reference' && build.result && <RunOutcome kind="reference" result={build.result} />}
      {mode === 'train' && train.result && <RunOutcome kind="train" result={train.result} />}
    </section>
  );
}
