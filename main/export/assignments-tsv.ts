import { open } from 'node:fs/promises';
import type { Classification, RankCall, ReadAssignment } from '../classify/read-assignment.ts';
import { EngineError } from '../shared/engine-error.ts';
import { fieldError, parseTsvTable, readTsvTable, type TsvRow, type TsvTable } from './tsv-table.ts';

/**
 * How far below 0 a written novelty score may be and still be float rounding of 0: runs written before cosine
 * distances were clamped at 0 hold -3e-6 for a read identical to a reference; they are read as 0, not refused.
 */
const ROUNDING_BELOW_ZERO = 1e-4;

export const ASSIGNMENTS_FILE = 'assignments.tsv';

const LEADING = ['query_id', 'lineage', 'confidence'] as const;
const TRAILING = ['best_hit', 'best_distance', 'novelty_score', 'novel', 'sample', 'abundance', 'calls'] as const;

/** Separates assigned names in `lineage`, and confidences in `confidence`. */
const LINEAGE_SEPARATOR = ';';

/**
 * The `calls` column keeps every call, assigned or not, as `name:confidence` joined by `|`, top-down, so that the
 * file alone restores a `Classification`. Names are free text from the reference, so the characters this encoding
 * and TSV need (`%`, `|`, `:`, tab, CR, LF) are percent-encoded as `%XX` (upper-case hex); every other character,
 * unicode included, is written as is. Confidences there are written exactly (JavaScript's shortest round-trip
 * form), while the `confidence` column rounds them to 3 decimals for people.
 */
const CALL_ESCAPED = /[%|:\t\r\n]/g;
const encodeCallName = (name: string): string => name.replace(CALL_ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const decodeCallName = (text: string): string | undefined =>
  /%(?![0-9A-F]{2})/.test(text) ? undefined : text.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** TSV has no quoting: names shown in `lineage` and the rank columns get spaces for tabs and line breaks. */
const shown = (name: string): string => name.replace(/[\t\r\n]/g, ' ');
const UNSAFE_FIELD = /[\t\r\n]/;

/** best_distance and novelty_score keep 6 significant digits: they derive from float32 distances. */
const sixDigits = (value: number): string => String(Number(value.toPrecision(6)));

/**
 * assignments.tsv's text for a classification; refuses what the format could not read back. A read has one row, or
 * one per sample when a count table counted it in several (see ReadAssignment).
 */
export function formatAssignments(classification: Classification): string {
  return `${[...assignmentLines(classification)].join('\n')}\n`;
}

/** Rows written per write: a large run's file (450 bytes a read) is never one string, which V8 caps at 512 MB. */
const LINES_PER_WRITE = 10_000;

/** Writes assignments.tsv a block of rows at a time (see formatAssignments), so any number of reads can be written. */
export async function writeAssignments(path: string, classification: Classification): Promise<void> {
  const file = await open(path, 'w');
  try {
    let block: string[] = [];
    for (const line of assignmentLines(classification)) {
      block.push(line);
      if (block.length === LINES_PER_WRITE) {
        await file.write(`${block.join('\n')}\n`);
        block = [];
      }
    }
    if (block.length > 0) await file.write(`${block.join('\n')}\n`);
  } finally {
    await file.close();
  }
}

function* assignmentLines(classification: Classification): Generator<string> {
  const { ranks, reads } = classification;
  checkRanks(ranks);
  yield [...LEADING, ...ranks, ...TRAILING].join('\t');
  for (const read of reads) {
    checkRead(read, ranks);
    const assigned = read.calls.slice(0, read.assignedRanks);
    yield [
      read.queryId,
      assigned.map((call) => shown(call.name)).join(LINEAGE_SEPARATOR),
      assigned.map((call) => call.confidence.toFixed(3)).join(LINEAGE_SEPARATOR),
      ...ranks.map((_, r) => (r < read.assignedRanks ? shown(read.calls[r]!.name) : '')),
      read.bestHit ?? '',
      read.bestDistance === null ? '' : sixDigits(read.bestDistance),
      sixDigits(read.noveltyScore),
      String(read.novel),
      read.sample,
      String(read.abundance),
      read.calls.map((call) => `${encodeCallName(call.name)}:${call.confidence}`).join('|'),
    ].join('\t');
  }
}

export async function readAssignments(path: string): Promise<Classification> {
  return assignmentsFromTable(await readTsvTable(path));
}

export function parseAssignments(text: string, file: string): Classification {
  return assignmentsFromTable(parseTsvTable(text, file));
}

/**
 * `lineage`, `confidence` and the rank columns are for people; the reader takes the calls from `calls` and the
 * assigned depth from where the rank columns stop being filled, and checks that the two agree.
 */
function assignmentsFromTable(table: TsvTable): Classification {
  const { header } = table;
  const bestHit = header.indexOf('best_hit');
  const expected = bestHit < 0 ? undefined : [...LEADING, ...header.slice(LEADING.length, bestHit), ...TRAILING];
  if (!expected || expected.length !== header.length || expected.some((name, i) => header[i] !== name)) {
    throw new EngineError('input_unreadable', `${table.file} line 1: not an assignments.tsv header (expected ${LEADING.join(', ')}, one column per rank, ${TRAILING.join(', ')})`);
  }
  const ranks = header.slice(LEADING.length, bestHit);
  const column = new Map(header.map((name, i) => [name, i]));
  const firstRow = new Map<string, TsvRow>();
  const samplesOf = new Map<string, Set<string>>();
  const reads = table.rows.map((row): ReadAssignment => {
    const field = (name: (typeof LEADING)[number] | (typeof TRAILING)[number]) => row.fields[column.get(name)!]!;
    const queryId = field('query_id');
    if (queryId === '') throw fieldError(table, row, 'query_id', 'empty');
    const samples = samplesOf.get(queryId) ?? new Set<string>();
    if (samples.has(field('sample'))) throw fieldError(table, row, 'query_id', `"${queryId}" appears twice in sample "${field('sample')}"`);
    samplesOf.set(queryId, samples.add(field('sample')));
    checkRepeat(table, row, firstRow.get(queryId), column);
    if (!firstRow.has(queryId)) firstRow.set(queryId, row);
    const calls = parseCalls(table, row, field('calls'), ranks);
    const assignedRanks = countAssigned(table, row, ranks, calls);
    const distanceText = field('best_distance');
    const novel = field('novel');
    if (novel !== 'true' && novel !== 'false') throw fieldError(table, row, 'novel', `"${novel}" is not true or false`);
    const abundance = number(table, row, 'abundance', field('abundance'));
    if (abundance <= 0) throw fieldError(table, row, 'abundance', `${abundance} is not positive`);
    const written = number(table, row, 'novelty_score', field('novelty_score'));
    if (written < -ROUNDING_BELOW_ZERO) throw fieldError(table, row, 'novelty_score', `${written} is negative`);
    const noveltyScore = Math.max(0, written);
    return {
      queryId,
      sample: field('sample'),
      abundance,
      calls,
      assignedRanks,
      bestHit: field('best_hit') === '' ? null : field('best_hit'),
      bestDistance: distanceText === '' ? null : number(table, row, 'best_distance', distanceText),
      noveltyScore,
      novel: novel === 'true',
    };
  });
  return { ranks, reads };
}

/**
 * A read counted in several samples (a count table) has one row per sample, which differ only in `sample` and
 * `abundance`: anything else differing is two reads under one id, or an edited file.
 */
function checkRepeat(table: TsvTable, row: TsvRow, first: TsvRow | undefined, column: Map<string, number>): void {
  if (!first) return;
  const own = new Set([column.get('sample'), column.get('abundance')]);
  const differing = row.fields.findIndex((value, i) => !own.has(i) && value !== first.fields[i]);
  if (differing >= 0) throw fieldError(table, row, table.header[differing]!, `read "${row.fields[0]}" is on line ${first.line} too, with another ${table.header[differing]}`);
}

function parseCalls(table: TsvTable, row: TsvRow, text: string, ranks: string[]): RankCall[] {
  if (text === '') return [];
  const parts = text.split('|');
  if (parts.length > ranks.length) throw fieldError(table, row, 'calls', `${parts.length} calls for ${ranks.length} ranks`);
  return parts.map((part, r) => {
    const colon = part.lastIndexOf(':');
    const name = colon < 0 ? undefined : decodeCallName(part.slice(0, colon));
    if (name === undefined || name === '') throw fieldError(table, row, 'calls', `call ${r + 1} "${part}" is not name:confidence`);
    const confidence = number(table, row, 'calls', part.slice(colon + 1));
    if (confidence < 0 || confidence > 1) throw fieldError(table, row, 'calls', `confidence ${confidence} of "${name}" is outside 0–1`);
    return { rank: ranks[r]!, name, confidence };
  });
}

function countAssigned(table: TsvTable, row: TsvRow, ranks: string[], calls: RankCall[]): number {
  const names = row.fields.slice(LEADING.length, LEADING.length + ranks.length);
  const assigned = names.findIndex((name) => name === '');
  const depth = assigned < 0 ? ranks.length : assigned;
  for (let r = depth; r < ranks.length; r += 1) {
    if (names[r] !== '') throw fieldError(table, row, ranks[r]!, `assigned below the unassigned rank ${ranks[depth]}`);
  }
  if (depth > calls.length) throw fieldError(table, row, 'calls', `${calls.length} calls, but the read is assigned to ${depth} ranks`);
  for (let r = 0; r < depth; r += 1) {
    if (names[r] !== shown(calls[r]!.name)) throw fieldError(table, row, ranks[r]!, `"${names[r]}" differs from the call "${calls[r]!.name}"`);
  }
  return depth;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function number(table: TsvTable, row: TsvRow, column: string, text: string): number {
  if (!NUMBER.test(text)) throw fieldError(table, row, column, `"${text}" is not a number`);
  return Number(text);
}

function checkRanks(ranks: string[]): void {
  const bad = ranks.find((rank) => rank === '' || UNSAFE_FIELD.test(rank) || ranks.indexOf(rank) !== ranks.lastIndexOf(rank) || ([...LEADING, ...TRAILING] as string[]).includes(rank));
  if (bad !== undefined) throw new EngineError('invalid_labels', `assignments.tsv: rank name "${bad}" is empty, repeated, holds a tab or line break, or is a column name`);
}

function checkRead(read: ReadAssignment, ranks: string[]): void {
  const where = `assignments.tsv: read "${read.queryId}"`;
  for (const [name, value] of [['query id', read.queryId], ['sample', read.sample], ['best hit', read.bestHit ?? '']] as const) {
    if (UNSAFE_FIELD.test(value)) throw new EngineError('invalid_labels', `${where}: its ${name} holds a tab or line break`);
  }
  if (read.queryId === '') throw new EngineError('invalid_labels', 'assignments.tsv: a read has an empty query id');
  // Fewer calls than ranks is a lineage that stops early (references labelled only to family); never more.
  if (read.calls.length > ranks.length) throw new EngineError('invalid_labels', `${where}: ${read.calls.length} calls for ${ranks.length} ranks`);
  read.calls.forEach((call, r) => {
    if (call.rank !== ranks[r]) throw new EngineError('invalid_labels', `${where}: call ${r + 1} is for rank "${call.rank}", expected "${ranks[r]}"`);
    if (call.name === '') throw new EngineError('invalid_labels', `${where}: empty name at rank ${call.rank}`);
    if (!(call.confidence >= 0 && call.confidence <= 1)) throw new EngineError('invalid_labels', `${where}: confidence ${call.confidence} at rank ${call.rank} is outside 0–1`);
  });
  if (!Number.isInteger(read.assignedRanks) || read.assignedRanks < 0 || read.assignedRanks > read.calls.length) {
    throw new EngineError('invalid_labels', `${where}: assignedRanks ${read.assignedRanks} with ${read.calls.length} calls`);
  }
}
