// The visually hidden table behind every chart: screen readers read it, and tests check what is drawn.
import { html, type TemplateResult } from 'lit';

export function dataTable(caption: string, head: string[], rows: string[][]): TemplateResult {
  return html`<table class="sr-only" data-table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${head.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`)}
    </tbody>
  </table>`;
}
