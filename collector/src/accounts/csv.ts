/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a header row. */

export interface CsvRecord {
  /** 1-based line number where the record starts, for error reports. */
  line: number;
  values: Record<string, string>;
}

/** Splits CSV text into rows of fields; throws on an unterminated quote. */
export function parseCsvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new Error(`line ${rowLine}: unterminated quoted field`);
  fields.push(field);
  if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
  return rows;
}

/** Parses CSV with a header row into records keyed by (trimmed, lower-cased) header names. */
export function parseCsv(text: string): CsvRecord[] {
  const [header, ...rows] = parseCsvRows(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const names = header.fields.map((name) => name.trim().toLowerCase());
  return rows.map((row) => ({
    line: row.line,
    values: Object.fromEntries(names.map((name, i) => [name, (row.fields[i] ?? '').trim()])),
  }));
}
