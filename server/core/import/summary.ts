// What an import did, line by line: counted in full, the first rejections kept for the report.

export interface LineRejection {
  line: number;
  message: string;
}

/** Keeps the `keep` lowest-numbered rejections (batches answer out of file order) and counts all. */
export class RejectionLog {
  count = 0;
  readonly first: LineRejection[] = [];

  constructor(private readonly keep = 50) {}

  add(line: number, message: string): void {
    this.count++;
    if (this.first.length === this.keep && line > this.first[this.keep - 1].line) return;
    let at = this.first.length;
    while (at > 0 && this.first[at - 1].line > line) at--;
    this.first.splice(at, 0, { line, message });
    if (this.first.length > this.keep) this.first.pop();
  }
}

export interface ImportSummary {
  /** Lines holding data (the CSV header and blank lines are not counted). */
  lines: number;
  rejected: RejectionLog;
  /** With --training: the distributions stored. */
  training: { model: string; classes: number }[];
  /** CSV columns that are none of ours. */
  ignoredColumns: string[];
}

export function formatSummary(file: string, summary: ImportSummary): string {
  const { lines, rejected } = summary;
  const out = [`${file}: ${lines} lines read, ${lines - rejected.count} accepted, ${rejected.count} rejected`];
  if (summary.ignoredColumns.length > 0)
    out.push(`  ignored columns: ${summary.ignoredColumns.map((c) => JSON.stringify(c)).join(', ')}`);
  for (const r of rejected.first) out.push(`  line ${r.line}: ${r.message}`);
  const more = rejected.count - rejected.first.length;
  if (more > 0) out.push(`  … and ${more} more rejected line${more === 1 ? '' : 's'}`);
  for (const t of summary.training) out.push(`training distribution of model "${t.model}": ${t.classes} classes`);
  return `${out.join('\n')}\n`;
}
