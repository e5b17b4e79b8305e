// Splits text arriving in chunks into lines (for JSON Lines), numbering them as an editor does.

export type TextLine = { line: number; text: string } | { line: number; error: string };

/** Longer than any line of ours could be; such a line is reported, not buffered. */
export const MAX_LINE = 1024 * 1024;

export class LineSplitter {
  private pending = '';
  private tooLong = false;
  private line = 1;
  private first = true;

  push(chunk: string): TextLine[] {
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: TextLine[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      this.emit(out, text.slice(from, newline));
      from = newline + 1;
    }
    this.append(text.slice(from));
    return out;
  }

  end(): TextLine[] {
    const out: TextLine[] = [];
    if (this.pending !== '' || this.tooLong) this.emit(out, '');
    return out;
  }

  private append(text: string): void {
    if (this.tooLong) return;
    this.pending += text;
    if (this.pending.length > MAX_LINE) {
      this.pending = '';
      this.tooLong = true;
    }
  }

  private emit(out: TextLine[], tail: string): void {
    this.append(tail);
    const text = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    if (this.tooLong) out.push({ line: this.line, error: `the line is longer than ${MAX_LINE} characters` });
    else if (text.trim() !== '') out.push({ line: this.line, text });
    this.pending = '';
    this.tooLong = false;
    this.line++;
  }
}
