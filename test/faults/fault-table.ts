export interface FaultRow {
  scenario: string;
  trials: number;
  passed: number;
  recordsLost: number;
  /** Which mechanism really ran, where there is a fallback (e.g. tmpfs vs prlimit). */
  note?: string;
}

/** The fault suite's figures as a plain-text table (also used by bench/faults-soak.ts). */
export function faultTable(rows: readonly FaultRow[]): string {
  const header = ['scenario', 'trials', 'passed', 'records lost', 'how'];
  const body = rows.map((r) => [r.scenario, String(r.trials), String(r.passed), String(r.recordsLost), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`;
  return `fault suite\n${line(header)}${line(widths.map((w) => '-'.repeat(w)))}${body.map(line).join('')}`;
}
