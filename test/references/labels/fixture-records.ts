import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isHeaderProblem, parseHeader } from '../../../main/io/header.ts';
import type { LabelSourceRecord } from '../../../main/references/labels/index.ts';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/labels/${name}`, import.meta.url));
}

/** The fixture's headers parsed by the importer's own header parser, so tests see what collect-labels sees. */
export function headerRecords(name: string): LabelSourceRecord[] {
  return readFileSync(fixture(name), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('>'))
    .map((line) => record(line.slice(1)));
}

export function record(header: string): LabelSourceRecord {
  const parsed = parseHeader(header);
  if (isHeaderProblem(parsed)) throw new Error(`bad test header ${header}: ${parsed.detail}`);
  return { id: parsed.id, description: parsed.description, annotations: parsed.annotations };
}
