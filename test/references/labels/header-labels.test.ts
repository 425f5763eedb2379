import { describe, expect, it } from 'vitest';
import { detectHeaderFormat, LabelError, parseHeaderLabels } from '../../../main/references/labels/index.ts';
import { headerRecords, record } from './fixture-records.ts';

const SIX = ['domain', 'phylum', 'class', 'order', 'family', 'genus'];

describe('detectHeaderFormat on real header layouts', () => {
  it.each([
    ['gold-headers.fasta', 'tab-lineage'],
    ['sintax-headers.fasta', 'sintax'],
    ['unite-headers.fasta', 'prefixed-lineage'],
    ['gtdb-style-headers.fasta', 'prefixed-lineage'],
    ['silva-style-headers.fasta', 'semicolon-lineage'],
    ['uniprot-ox-headers.fasta', 'taxid'],
    ['uniprot-headers.fasta', null],
  ] as const)('%s → %s', (file, format) => {
    expect(detectHeaderFormat(headerRecords(file), file)).toBe(format);
  });

  it('returns null for an empty sample', () => {
    expect(detectHeaderFormat([], 'x.fasta')).toBeNull();
  });

  it('tolerates up to 10% unlabelled records but not more', () => {
    const labelled = headerRecords('sintax-headers.fasta');
    const plain = record('gi_1 no taxonomy here');
    expect(detectHeaderFormat([...labelled, ...labelled, ...labelled, plain], 's.fa')).toBe('sintax');
    expect(detectHeaderFormat([...labelled, plain], 's.fa')).toBeNull();
  });

  it('throws ambiguous_format naming the file, the formats and --label-format when a taxid and a lineage both fit', () => {
    const sample = [record('A1 OX=562\tBacteria; Proteobacteria; Gammaproteobacteria'), record('A2 OX=1423\tBacteria; Firmicutes; Bacilli')];
    const error = catchError(() => detectHeaderFormat(sample, '/data/mixed.fasta'));
    expect(error).toBeInstanceOf(LabelError);
    expect(error.code).toBe('ambiguous_format');
    expect(error.message).toMatch(/^mixed\.fasta: .*tab-lineage, taxid.*--label-format/);
    expect(error.message).not.toContain('\n');
  });
});

describe('parseHeaderLabels', () => {
  it('tab-lineage: the gold set lineage is the last tab field, six levels domain..genus', () => {
    const [first] = headerRecords('gold-headers.fasta');
    expect(first!.id).toBe('7000004128189528');
    expect(parseHeaderLabels('tab-lineage', first!)).toEqual({
      lineage: { names: ['Bacteria', 'Actinobacteria', 'Actinobacteria', 'Actinomycetales', 'Acidothermaceae', 'Acidothermus'], ranks: SIX },
    });
  });

  it('tab-lineage: 7 levels add species, a leading Root is dropped, other depths have unknown ranks, one level is no lineage', () => {
    expect(parseHeaderLabels('tab-lineage', record('x d\tA; B; C; D; E; F; G'))!.lineage!.ranks).toEqual([...SIX, 'species']);
    expect(parseHeaderLabels('tab-lineage', record('x Root;Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus'))!.lineage).toEqual({
      names: ['Bacteria', 'Firmicutes', 'Bacilli', 'Bacillales', 'Bacillaceae', 'Bacillus'],
      ranks: SIX,
    });
    expect(parseHeaderLabels('tab-lineage', record('x d\tBacteria; Firmicutes; Bacilli'))!.lineage!.ranks).toEqual([null, null, null]);
    expect(parseHeaderLabels('tab-lineage', record('x d\tBacteria'))).toBeNull();
  });

  it('sintax: ranks from the letters, id without the annotation', () => {
    const [first] = headerRecords('sintax-headers.fasta');
    expect(first!.id).toBe('gi_961555154');
    expect(parseHeaderLabels('sintax', first!)).toEqual({
      lineage: { names: ['Bacteria', 'Bacteroidetes', 'Chitinophagia', 'Chitinophagales', 'Chitinophagaceae', 'Parafilimonas'], ranks: SIX },
    });
    expect(parseHeaderLabels('sintax', record('X1;tax=k:Fungi,s:Aspergillus_niger;'))!.lineage).toEqual({ names: ['Fungi', 'Aspergillus_niger'], ranks: ['kingdom', 'species'] });
    expect(parseHeaderLabels('sintax', record('X1;size=3;'))).toBeNull();
  });

  it('sintax: broken tax= parts are malformed_label naming the record', () => {
    for (const header of ['X9;tax=Bacteria,Firmicutes;', 'X9;tax=d:Bacteria,z:Foo;', 'X9;tax=d:Bacteria,d:Archaea;']) {
      const error = catchError(() => parseHeaderLabels('sintax', record(header)));
      expect(error.code).toBe('malformed_label');
      expect(error.message).toMatch(/^record X9: tax= /);
    }
  });

  it('prefixed-lineage: UNITE lineage inside the id, empty levels dropped', () => {
    const [abrothallus, aspergillus, unresolved] = headerRecords('unite-headers.fasta');
    expect(parseHeaderLabels('prefixed-lineage', aspergillus!)!.lineage).toEqual({
      names: ['Fungi', 'Ascomycota', 'Eurotiomycetes', 'Eurotiales', 'Aspergillaceae', 'Aspergillus', 'Aspergillus_niger'],
      ranks: ['kingdom', 'phylum', 'class', 'order', 'family', 'genus', 'species'],
    });
    expect(abrothallus!.id).toContain('|SH1227328.08FU|');
    expect(parseHeaderLabels('prefixed-lineage', unresolved!)!.lineage).toEqual({ names: ['Fungi', 'Basidiomycota', 'Agaricomycetes'], ranks: ['kingdom', 'phylum', 'class'] });
  });

  it('prefixed-lineage: GTDB description without its [location=…] suffix; QIIME spacing; SILVA D_n prefixes', () => {
    const [coli] = headerRecords('gtdb-style-headers.fasta');
    expect(parseHeaderLabels('prefixed-lineage', coli!)!.lineage!.names.at(-1)).toBe('Escherichia coli');
    expect(parseHeaderLabels('prefixed-lineage', record('q1 k__Bacteria; p__Firmicutes; g__'))!.lineage).toEqual({ names: ['Bacteria', 'Firmicutes'], ranks: ['kingdom', 'phylum'] });
    expect(parseHeaderLabels('prefixed-lineage', record('s1 D_0__Bacteria;D_1__Firmicutes;D_5__Bacillus'))!.lineage!.ranks).toEqual(['domain', 'phylum', 'genus']);
  });

  it('semicolon-lineage: SILVA-style description; not for tabbed or UniProt descriptions', () => {
    const [first] = headerRecords('silva-style-headers.fasta');
    expect(parseHeaderLabels('semicolon-lineage', first!)!.lineage!.ranks).toEqual(SIX);
    expect(parseHeaderLabels('semicolon-lineage', headerRecords('gold-headers.fasta')[0]!)).toBeNull();
    expect(parseHeaderLabels('semicolon-lineage', record('P1 Some protein; fragment OS=Homo sapiens OX=9606'))).toBeNull();
  });

  it('taxid: UniProt OX=, annotations and taxid:/taxon: in the description', () => {
    expect(parseHeaderLabels('taxid', headerRecords('uniprot-ox-headers.fasta')[0]!)).toEqual({ taxid: 3702 });
    expect(parseHeaderLabels('taxid', record('A;taxid=9606;'))).toEqual({ taxid: 9606 });
    expect(parseHeaderLabels('taxid', record('A;tax_id=10090;'))).toEqual({ taxid: 10090 });
    expect(parseHeaderLabels('taxid', record('A some gene taxon:7227'))).toEqual({ taxid: 7227 });
    expect(parseHeaderLabels('taxid', record('A [taxid:562]'))).toEqual({ taxid: 562 });
    expect(parseHeaderLabels('taxid', headerRecords('uniprot-headers.fasta')[0]!)).toBeNull();
    expect(catchError(() => parseHeaderLabels('taxid', record('A;taxid=human;'))).code).toBe('malformed_label');
  });
});

function catchError(run: () => unknown): LabelError {
  try {
    run();
  } catch (error) {
    if (error instanceof LabelError) return error;
    throw error;
  }
  throw new Error('expected a LabelError');
}
