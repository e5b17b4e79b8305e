// Turns an import file, chunk by chunk, into typed lines. The format is told by the first character:
// `{` starts JSON Lines, anything else is CSV with a header row.
import { InputError } from '../errors.js';
import { CsvReader, type CsvRecord } from './csv.js';
import { fieldName, knownFields, readLine, type ImportLine, type Values } from './items.js';
import { LineSplitter, type TextLine } from './lines.js';

export type ParsedLine = { line: number; item: ImportLine } | { line: number; error: string };

/** The file as a whole cannot be read, e.g. its CSV header names no usable column. */
export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

export class ImportReader {
  private format: 'csv' | 'jsonl' | null = null;
  private head = '';
  private readonly csv = new CsvReader();
  private readonly jsonl = new LineSplitter();
  private columns: (string | null)[] | null = null;
  /** CSV columns that are none of ours; the caller may mention them. */
  ignoredColumns: string[] = [];

  constructor(private readonly training: boolean) {}

  push(chunk: string): ParsedLine[] {
    if (this.format === null) {
      this.head += chunk;
      const first = /[^\s\ufeff]/.exec(this.head);
      if (!first) return [];
      this.format = first[0] === '{' ? 'jsonl' : 'csv';
      chunk = this.head;
      this.head = '';
    }
    return this.format === 'csv' ? this.fromCsv(this.csv.push(chunk)) : this.fromJson(this.jsonl.push(chunk));
  }

  end(): ParsedLine[] {
    if (this.format === 'csv') return this.fromCsv(this.csv.end());
    if (this.format === 'jsonl') return this.fromJson(this.jsonl.end());
    return [];
  }

  private fromJson(lines: TextLine[]): ParsedLine[] {
    return lines.map((l) => {
      if ('error' in l) return l;
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (error) {
        return { line: l.line, error: `not valid JSON (${(error as Error).message})` };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { line: l.line, error: 'must be a JSON object' };
      const values: Values = new Map();
      for (const [key, v] of Object.entries(value)) {
        const name = fieldName(key, this.training);
        if (name) values.set(name, v);
      }
      return this.typed(l.line, values);
    });
  }

  private fromCsv(records: CsvRecord[]): ParsedLine[] {
    const out: ParsedLine[] = [];
    for (const r of records) {
      if (!this.columns) this.columns = this.header(r);
      else if ('error' in r) out.push(r);
      else if (r.fields.length !== this.columns.length)
        out.push({ line: r.line, error: `has ${r.fields.length} fields, the header has ${this.columns.length}` });
      else {
        const values: Values = new Map();
        r.fields.forEach((f, i) => {
          const name = this.columns?.[i];
          if (name) values.set(name, f);
        });
        out.push(this.typed(r.line, values));
      }
    }
    return out;
  }

  private header(r: CsvRecord): (string | null)[] {
    if ('error' in r) throw new ImportFormatError(`the CSV header (line ${r.line}) cannot be read: ${r.error}`);
    const columns = r.fields.map((f) => fieldName(f, this.training));
    this.ignoredColumns = r.fields.filter((_, i) => columns[i] === null);
    const twice = columns.find((c, i) => c !== null && columns.indexOf(c) !== i);
    if (twice) throw new ImportFormatError(`the CSV header (line ${r.line}) names the column "${twice}" twice`);
    const needed = this.training ? ['label', 'count'] : ['id'];
    const missing = needed.filter((n) => !columns.includes(n));
    if (missing.length > 0) {
      const counts = !this.training && r.fields.some((f) => fieldName(f, true) === 'count');
      const hint = counts ? ' (a file of class counts needs --training)' : '';
      throw new ImportFormatError(
        `the CSV header (line ${r.line}) must name the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}; ` +
          `it names ${r.fields.map((f) => JSON.stringify(f)).join(', ')}; known columns: ${knownFields(this.training).join(', ')}`,
      );
    }
    return columns;
  }

  private typed(line: number, values: Values): ParsedLine {
    try {
      return { line, item: readLine(values, this.training) };
    } catch (error) {
      if (error instanceof InputError) return { line, error: error.message };
      throw error;
    }
  }
}
