import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';
import { assignedLineage, lowestConfidence } from '../model/assignment-rows.ts';

const ROW_HEIGHT = 30;

/**
 * The assignments of a run, virtualised: only the rows in view are in the DOM, so 100,000 reads scroll like 100.
 * The grid is keyboard-scrollable (it takes focus) and announces its size to screen readers.
 */
export function AssignmentsTable({ reads, rows, chimeras }: { reads: readonly ReadAssignment[]; rows: readonly number[]; chimeras: ReadonlySet<string> }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <div className="table" role="table" aria-label="assignments" aria-rowcount={rows.length + 1}>
      <div className="row head" role="row">
        <span role="columnheader">read</span>
        <span role="columnheader">lineage</span>
        <span role="columnheader">confidence</span>
        <span role="columnheader">novelty</span>
        <span role="columnheader">sample</span>
        <span role="columnheader">abundance</span>
      </div>
      <div ref={scroller} className="table-body" tabIndex={0} data-testid="assignments-scroller">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const read = reads[rows[item.index]!]!;
            const confidence = lowestConfidence(read);
            return (
              <div key={item.key} className={read.novel ? 'row novel' : 'row'} role="row" aria-rowindex={item.index + 2} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                <span role="cell" title={read.queryId}>{read.queryId}</span>
                <span role="cell" title={assignedLineage(read)}>{assignedLineage(read)}</span>
                <span role="cell">{confidence === null ? '' : confidence.toFixed(3)}</span>
                <span role="cell">{read.noveltyScore.toFixed(2)}{read.novel ? ' novel' : ''}{chimeras.has(read.queryId) ? ' chimera' : ''}</span>
                <span role="cell">{read.sample}</span>
                <span role="cell">{read.abundance}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
