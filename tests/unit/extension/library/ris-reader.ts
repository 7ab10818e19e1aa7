/**
 * A strict reader of RIS as reference managers read it (tag, two spaces, hyphen, space, value; a
 * record from TY to ER), written for the tests: no RIS parser on npm is both maintained and small,
 * and a strict reader catches what a lenient importer would quietly accept.
 */
export type RisRecord = Record<string, string[]>;

const LINE = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/;

export function readRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | null = null;
  text.split(/\r\n/).forEach((line, i) => {
    if (line === '') return;
    const m = LINE.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not a RIS tag line: ${JSON.stringify(line.slice(0, 60))}`);
    const [, tag, value] = m as unknown as [string, string, string];
    if (tag === 'TY') {
      if (current) throw new Error(`line ${i + 1}: TY inside a record`);
      current = { TY: [value] };
      return;
    }
    if (!current) throw new Error(`line ${i + 1}: ${tag} outside a record`);
    if (tag === 'ER') {
      if (value.trim() !== '') throw new Error(`line ${i + 1}: ER with a value`);
      records.push(current);
      current = null;
      return;
    }
    (current[tag] ??= []).push(value);
  });
  if (current) throw new Error('last record has no ER');
  if (!text.includes('\r\n') && text.trim()) throw new Error('RIS lines must end with CRLF');
  return records;
}
