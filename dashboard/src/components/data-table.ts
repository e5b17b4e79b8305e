// The visually hidden table behind every chart: screen readers read it, and tests check what is drawn.
import { html, type TemplateResult } from 'lit';

/** Hidden by a wrapper: a table box ignores its own 1 px width and overflow, so a wide one made the page scroll sideways. */
export function dataTable(caption: string, head: string[], rows: string[][]): TemplateResult {
  return html`<div class="sr-only">
    <table data-table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
