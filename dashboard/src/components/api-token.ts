// The API token the dashboard's buttons send with mutations ("Run now", "Acknowledge"): one field
// per panel that needs it, one value shared by them, kept for the browser tab only — never in
// localStorage, never in the URL.
import { css, html, type TemplateResult } from 'lit';

const TOKEN_KEY = 'clara-api-token';

export function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable (private mode): the token still works until reload
  }
}

export const tokenStyles = css`
  .token {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .token label {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .token .hint {
    color: var(--_muted);
  }
`;

/** The field; `onToken` gets the trimmed value, already stored. `purpose` says what it enables. */
export function tokenField(token: string, purpose: string, onToken: (token: string) => void): TemplateResult {
  const change = (event: Event) => {
    const value = (event.target as HTMLInputElement).value.trim();
    storeToken(value);
    onToken(value);
  };
  return html`<div class="token">
    <label>API token <input id="token" type="password" autocomplete="off" .value=${token} @change=${change} /></label>
    <span class="hint">${purpose}; kept in this browser tab only.</span>
  </div>`;
}
