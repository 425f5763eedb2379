/** id → sequence of a (multi-line) FASTA text, for checking what the app hands back. */
export function fastaRecords(text: string): Map<string, string> {
  const records = new Map<string, string>();
  for (const block of text.split('>').slice(1)) {
    const [header, ...lines] = block.split('\n');
    records.set(header!.trim().split(/\s/)[0]!, lines.join('').trim());
  }
  return records;
}
