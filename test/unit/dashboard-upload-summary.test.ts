import { expect, test } from 'vitest';
import { uploadSummary } from '../../dashboard/src/lib/upload-summary.js';
import type { UploadState } from '../../dashboard/src/gql/graphql.js';

const profile = (id: string, upload: UploadState, uploadError: string | null = null) => ({
  id,
  upload,
  uploadedAt: null,
  uploadError,
});

test('counts profiles by upload state and keeps the latest reason', () => {
  expect(
    uploadSummary([
      profile('1', 'UPLOADED'),
      profile('2', 'FAILED', 'REFUSED: 401'),
      profile('3', 'PENDING', 'TIMEOUT: no answer'),
      profile('4', 'UPLOADED'),
    ]),
  ).toEqual({
    counts: { UPLOADED: 2, PENDING: 1, FAILED: 1, NOT_CONFIGURED: 0 },
    total: 4,
    lastError: 'TIMEOUT: no answer',
  });
  expect(uploadSummary([])).toEqual({
    counts: { UPLOADED: 0, PENDING: 0, FAILED: 0, NOT_CONFIGURED: 0 },
    total: 0,
    lastError: null,
  });
});
