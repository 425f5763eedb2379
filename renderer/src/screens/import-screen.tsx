import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import type { InputValidation } from '../../../main/api/contract/contract-results.ts';
import { ErrorLine } from '../components/error-line.tsx';
import { SampleMetadataForm } from '../components/sample-metadata-form.tsx';
import { useApp } from '../model/app-context.ts';
import { formatCount, lastPart } from '../model/format.ts';
import { sampleNamesOfFiles } from '../../../main/io/sequence-file-names.ts';
import { droppedFiles, sequenceFilesOfPickedFolder } from '../model/dropped-files.ts';
import { pairReadFiles } from '../../../main/pairs/read-pair-files.ts';
import { PairedReadsMerge } from '../components/paired-reads-merge.tsx';
import { reportRows } from '../model/report-rows.ts';
import { SingleReadsFilter } from '../components/single-reads-filter.tsx';
import { ReadProfileCells } from '../components/read-profile-cells.tsx';

/** What the Import screen's steps wrote, as the validation report names it. */
const MADE_BY = { merge: 'merged pairs', filter: 'filtered reads', denoise: 'denoised' } as const;

/** Files in, validation report out: nothing is imported until a run starts, and every rejected record says why. */
export function ImportScreen() {
  const { host, store, inputs, setInputs, go } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [over, setOver] = useState(false);
  // One reading for every listed file: a run over several files reads them all alike.
  const [removeGaps, setRemoveGaps] = useState(() => inputs.some((r) => r.removeGaps));

  // Paired-end files among the accepted ones: offered for merging before a run.
  const pairs = useMemo(() => pairReadFiles(inputs.filter((r) => r.summary.accepted > 0).map((r) => r.input)).pairs, [inputs]);
  // Single-read FASTQ files as the sequencer wrote them (not pairs, not written by a step here): offered for filtering.
  const singles = useMemo(() => {
    const paired = new Set(pairs.flatMap((pair) => [pair.forward, pair.reverse]));
    return inputs.filter((r) => r.summary.accepted > 0 && r.format === 'fastq' && r.alphabet === 'dna' && !paired.has(r.input) && !r.preparedBy && !r.countTable).map((r) => r.input);
  }, [inputs, pairs]);
  // The samples a run of these files will have: a pair of files is one sample, named as merge-pairs names it.
  const samples = useMemo(() => {
    const paired = new Set(pairs.flatMap((pair) => [pair.forward, pair.reverse]));
    const accepted = inputs.filter((r) => r.summary.accepted > 0 && !paired.has(r.input));
    // A file with a count table (denoised) holds the table's samples; any other file is a sample of its own.
    const files = accepted.filter((r) => !r.countTable).map((r) => r.input);
    const tabled = accepted.flatMap((r) => r.countTable?.samples ?? []);
    return [...new Set([...sampleNamesOfFiles(files), ...tabled, ...pairs.map((pair) => pair.sample)])];
  }, [inputs, pairs]);

  /** Checks files (folders: their sequence files) and lists them; returns the new list. */
  const validate = async (paths: string[], gaps = removeGaps, listed = inputs): Promise<InputValidation[]> => {
    setError(null);
    if (paths.length === 0) {
      setError('Nothing to import: no FASTA/FASTQ files (.fa, .fasta, .fna, .faa, .fq, .fastq, optionally .gz) in what was chosen');
      return listed;
    }
    // Switching the gap reading checks every listed file again (validate is then given all of them).
    const reports: InputValidation[] = listed.filter((r) => r.removeGaps === gaps);
    // What the app knows of a file (the step that wrote it, its count table) outlives checking it again.
    const known = new Map(listed.map((r) => [r.input, { preparedBy: r.preparedBy, countTable: r.countTable }]));
    try {
      // Folders become the sequence files below them; the engine lists them, so desktop and browser pick the same.
      const files = await host.api.call('expandInputs', { paths });
      for (const path of files) {
        setBusy(`checking ${lastPart(path)}…`);
        const checked = await host.api.call('validateInput', { input: path, removeGaps: gaps });
        const { preparedBy, countTable } = known.get(path) ?? {};
        const report = { ...checked, ...(preparedBy ? { preparedBy } : {}), ...(countTable ? { countTable } : {}) };
        const at = reports.findIndex((r) => r.input === path);
        if (at >= 0) reports[at] = report;
        else reports.push(report);
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(null);
      setInputs(reports);
    }
    return reports;
  };

  /** A step's output files take its input files' place in the list, marked with the step (and any count table). */
  const replaceFiles = async (replaced: readonly string[], files: string[], mark: Pick<InputValidation, 'preparedBy' | 'countTable'>) => {
    const gone = new Set(replaced);
    const kept = inputs.filter((r) => !gone.has(r.input));
    const listed = files.length > 0 ? await validate(files, removeGaps, kept) : kept;
    const added = new Set(files);
    setInputs(listed.map((r) => (added.has(r.input) ? { ...r, ...mark } : r)));
  };

  const filesToPaths = async (files: File[]): Promise<string[]> => {
    if (host.kind === 'desktop') return host.desktop.pathsOfDroppedFiles(files);
    const paths: string[] = [];
    for (const file of files) {
      setBusy(`uploading ${file.name}…`);
      paths.push(await host.upload(file));
    }
    return paths;
  };

  const drop = async (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    // The desktop app reads dropped folders itself (by path); a browser page must walk them and upload the files.
    const pending = host.kind === 'desktop' ? Promise.resolve([...event.dataTransfer.files]) : droppedFiles(event.dataTransfer);
    try {
      await validate(await filesToPaths(await pending));
    } catch (failure) {
      setBusy(null);
      setError((failure as Error).message);
    }
  };
  const pick = async () => {
    if (host.kind === 'desktop') await validate(await host.desktop.chooseInputFiles());
  };
  const pickFolder = async () => {
    if (host.kind !== 'desktop') return;
    const folder = await host.desktop.chooseInputFolder();
    if (folder) await validate([folder]);
  };
  const submitPath = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) void validate([typed.trim()]);
  };
  const pickInBrowser = async (files: File[]) => {
    if (files.length) await validate(await filesToPaths(files));
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void drop(e)}
      >
        <p>Drop FASTA or FASTQ files (plain or .gz), or a folder of them, here</p>
        {host.kind === 'desktop' ? (
          <>
            <button type="button" onClick={() => void pick()}>Choose files…</button>{' '}
            <button type="button" onClick={() => void pickFolder()}>Choose folder…</button>
          </>
        ) : (
          <>
            <label className="button">
              Choose files…
              <input type="file" multiple hidden accept=".fa,.fasta,.fas,.fna,.ffn,.faa,.fq,.fastq,.gz" onChange={(e) => void pickInBrowser([...(e.target.files ?? [])])} />
            </label>{' '}
            <label className="button">
              Choose folder…
              {/* webkitdirectory is not in React's input attributes; Chromium, Firefox and Safari all support it. */}
              <input type="file" hidden {...{ webkitdirectory: '' }} onChange={(e) => void pickInBrowser(e.target.files ? sequenceFilesOfPickedFolder(e.target.files) : [])} />
            </label>
          </>
        )}
      </div>
      {host.kind === 'browser' && (
        <form onSubmit={submitPath} className="inline-form">
          <label htmlFor="input-path">or a file or folder path on this machine</label>
          <input id="input-path" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="/data/reads.fastq.gz" spellCheck={false} />
          <button type="submit">Check</button>
        </form>
      )}
      <label className="inline-option">
        <input
          type="checkbox"
          checked={removeGaps}
          onChange={(e) => {
            setRemoveGaps(e.target.checked);
            if (inputs.length > 0) void validate(inputs.map((r) => r.input), e.target.checked);
          }}
        />{' '}
        Remove alignment gaps (<code>-</code> and <code>.</code>) instead of rejecting the records that have them (aligned FASTA)
      </label>
      {busy && <p role="status">{busy}</p>}
      <ErrorLine error={error} />
      {inputs.length > 0 && (
        <>
          <h2>Validation report</h2>
          <table className="report" aria-label="validation report">
            <thead>
              <tr><th>file</th><th>format</th><th>alphabet</th><th>read</th><th>accepted</th><th>rejected</th><th>length</th><th>errors</th><th>made by</th></tr>
            </thead>
            <tbody>
              {reportRows(inputs).map((row) => {
                const first = row.files[0]!;
                return (
                  <tr key={row.key}>
                    <td data-testid="file-name" title={row.title}>{row.name}</td>
                    <td>{first.format}{first.gzip ? ' (gzip)' : ''}</td>
                    <td>{first.alphabet}</td>
                    <td>{formatCount(row.read)}</td>
                    <td data-testid="accepted">{formatCount(row.accepted)}</td>
                    <td className={row.rejected > 0 ? 'warning' : ''}>{formatCount(row.rejected)}</td>
                    <ReadProfileCells profile={row.profile} />
                    <td data-testid="made-by" title={first.countTable?.path}>{first.preparedBy ? MADE_BY[first.preparedBy] : ''}{first.countTable ? `, with count table ${lastPart(first.countTable.path)}` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {inputs.flatMap((r) => r.issues).length > 0 && (
            <details open>
              <summary>Rejected records</summary>
              <ul className="issues">
                {inputs.flatMap((r) => r.issues.map((issue) => <li key={`${issue.file}:${issue.record}`}>{issue.message}</li>))}
              </ul>
            </details>
          )}
          {store && (
            <PairedReadsMerge
              store={store}
              pairs={pairs}
              onMerged={(files) => void replaceFiles(pairs.flatMap((pair) => [pair.forward, pair.reverse]), files, { preparedBy: 'merge' })}
              onDenoised={(merged, file, countTable) => void replaceFiles(merged, [file], { preparedBy: 'denoise', countTable })}
            />
          )}
          {store && (
            <SingleReadsFilter
              store={store}
              files={singles}
              onFiltered={(originals, files) => void replaceFiles(originals, files, { preparedBy: 'filter' })}
              onDenoised={(filtered, file, countTable) => void replaceFiles(filtered, [file], { preparedBy: 'denoise', countTable })}
            />
          )}
          {store && <SampleMetadataForm store={store} samples={samples} />}
          <button type="button" className="primary" onClick={() => go('run')} disabled={!inputs.some((r) => r.summary.accepted > 0)}>Continue to Run</button>
        </>
      )}
    </section>
  );
}
