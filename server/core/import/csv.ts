// An incremental RFC 4180 reader: text arrives in chunks of any size (a 1 GB file is never held
// whole), records come out with the file line they start on.

/** A record (its fields), or a line that could not be read (its reason). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** Our fields are ids, labels, dates and numbers; a longer one means a quote was never closed. */
export const MAX_CSV_FIELD = 64 * 1024;

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'closed' | 'skip';

export class CsvReader {
  private state: State = 'start';
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private error: string | null = null;
  private first = true;

  /** Reads the next chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    while (i < text.length) {
      switch (this.state) {
        case 'quoted': {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? text.length : quote;
          this.countLines(text, i, end);
          this.field += text.slice(i, end);
          if (this.field.length > MAX_CSV_FIELD)
            this.fail(`a field is longer than ${MAX_CSV_FIELD} characters (is a quote not closed?)`);
          else if (quote !== -1) this.state = 'quote';
          i = end + 1;
          break;
        }
        case 'quote':
          // A doubled quote is a literal quote; anything else closed the field.
          if (text[i] === '"') {
            this.field += '"';
            this.state = 'quoted';
            i++;
          } else this.state = 'closed';
          break;
        case 'closed': {
          const c = text[i];
          if (c === ',') this.endField();
          else if (c === '\n') this.endRecord(out);
          else if (c !== '\r')
            this.fail('unexpected text after a closing quote (a quote inside a field must be doubled)');
          if (c === ',' || c === '\n' || c === '\r') i++;
          break;
        }
        case 'skip': {
          const newline = text.indexOf('\n', i);
          if (newline === -1) i = text.length;
          else {
            this.endRecord(out);
            i = newline + 1;
          }
          break;
        }
        default:
          i = this.readUnquoted(text, i, out);
      }
    }
    return out;
  }

  /** Ends the input: the last record may lack its newline; an open quote is an error. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === 'quoted') this.fail(`a quoted field opened on line ${this.recordLine} is never closed`);
    if (this.state !== 'start' || this.fields.length > 0 || this.error) this.endRecord(out);
    return out;
  }

  private readUnquoted(text: string, from: number, out: CsvRecord[]): number {
    if (this.state === 'start' && text[from] === '"') {
      this.state = 'quoted';
      return from + 1;
    }
    let j = from;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 44 || c === 10 || c === 34) break; // , \n "
      j++;
    }
    this.field += text.slice(from, j);
    this.state = 'unquoted';
    if (j === text.length) return j;
    if (text[j] === '"') {
      this.fail('a quote inside an unquoted field (quote the whole field and double the quote)');
      return j;
    }
    if (text[j] === ',') this.endField();
    else this.endRecord(out);
    return j + 1;
  }

  private countLines(text: string, from: number, to: number): void {
    for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) this.line++;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private fail(reason: string): void {
    this.error ??= reason;
    this.field = '';
    this.state = 'skip';
  }

  private endRecord(out: CsvRecord[]): void {
    // CRLF: the CR before the newline belongs to the line ending, not to an unquoted field.
    const last = this.state === 'unquoted' && this.field.endsWith('\r') ? this.field.slice(0, -1) : this.field;
    const quotedLast = this.state === 'closed' || this.state === 'quote';
    if (this.error) out.push({ line: this.recordLine, error: this.error });
    else {
      const fields = [...this.fields, last];
      // Blank lines separate nothing in our files: skip them rather than report them.
      if (fields.length > 1 || fields[0] !== '' || quotedLast) out.push({ line: this.recordLine, fields });
    }
    this.fields = [];
    this.field = '';
    this.error = null;
    this.state = 'start';
    this.line++;
    this.recordLine = this.line;
  }
}
