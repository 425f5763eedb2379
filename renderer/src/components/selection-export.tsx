import { useState } from 'react';
import type { ClusterMap } from '../../../main/api/contract/contract-results.ts';
import { MAX_SEQUENCE_IDS } from '../../../main/api/contract/sequence-limits.ts';
import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';
import { useApp } from '../model/app-context.ts';
import { downloadText } from '../model/download-file.ts';
import { selectionCsv, selectionFasta, selectionTsv } from '../model/selection-files.ts';
import { ErrorLine } from './error-line.tsx';

/** The lasso selection as ids (TSV), a table (CSV) or sequences from the store (FASTA). */
export function SelectionExport({ map, selected, reads }: { map: ClusterMap; selected: string[]; reads: readonly ReadAssignment[] | null }) {
  const { host } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const none = selected.length === 0;

  const fasta = async () => {
    setBusy(true);
    setError(null);
    try {
      const sequences: { id: string; sequence: string }[] = [];
      for (let at = 0; at < selected.length; at += MAX_SEQUENCE_IDS) {
        const slice = await host.api.call('readRunSequences', { run: map.dir, ids: selected.slice(at, at + MAX_SEQUENCE_IDS) });
        sequences.push(...slice.sequences);
      }
      downloadText(selectionFasta(sequences), 'selection.fasta', 'text/x-fasta');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <span data-testid="selection-count">{selected.length} selected</span>
      <div role="group" aria-label="export the selection" className="inline-form">
        <button type="button" disabled={none} onClick={() => downloadText(selectionTsv(selected), 'selection.tsv', 'text/tab-separated-values')} aria-label="Export selection ids as TSV">Ids (TSV)</button>
        <button type="button" disabled={none} onClick={() => downloadText(selectionCsv(map, selected, reads), 'selection.csv', 'text/csv')} aria-label="Export selection as CSV">CSV</button>
        <button type="button" disabled={none || busy} onClick={() => void fasta()} aria-label="Export selection as FASTA">{busy ? 'FASTA…' : 'FASTA'}</button>
      </div>
      <ErrorLine error={error} />
    </>
  );
}
