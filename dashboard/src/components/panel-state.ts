// Loading, empty and error states shared by every panel: a failed request never leaves a blank box.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { QueryController } from './query-controller.js';

export const stateStyles = css`
  .state {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 120px;
    padding: 16px;
    color: var(--_muted);
    text-align: center;
    flex-wrap: wrap;
  }
  .state.error {
    color: var(--_danger);
  }
  .spinner {
    width: 14px;
    height: 14px;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;

export function loadingState(): TemplateResult {
  return html`<div class="state" role="status" data-state="loading">
    <span class="spinner" aria-hidden="true"></span>Loading…
  </div>`;
}

export function emptyState(text: string): TemplateResult {
  return html`<div class="state" role="status" data-state="empty">${text}</div>`;
}

export function errorState(message: string, retry: () => void): TemplateResult {
  return html`<div class="state error" role="alert" data-state="error">
    <span><strong>Could not load this panel.</strong> ${message}</span>
    <button type="button" @click=${retry}>Retry</button>
  </div>`;
}

/**
 * The state to show instead of content, or null when the content can render. A refresh keeps the
 * previous content on screen until the new answer arrives.
 */
export function pendingState<T>(
  query: QueryController<T>,
  isEmpty: (value: T) => boolean,
  emptyText: string,
): TemplateResult | typeof nothing | null {
  if (query.status === 'error') return errorState(query.error?.message ?? 'Unknown error', query.rerun);
  if (query.value === null) return query.status === 'idle' ? nothing : loadingState();
  if (isEmpty(query.value)) return emptyState(emptyText);
  return null;
}
