// The small outlined status pill of the jobs and alerts lists; each list colours its own states.
import { css } from 'lit';

export const badgeStyles = css`
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 12px;
    white-space: nowrap;
  }
`;
