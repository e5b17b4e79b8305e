// A whylogs profile's WhyLabs upload as the API shows it. A const object, not only a type: the API
// registers it as its enum.
export const UploadState = {
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  PENDING: 'PENDING',
  UPLOADED: 'UPLOADED',
  FAILED: 'FAILED',
} as const;
export type UploadState = (typeof UploadState)[keyof typeof UploadState];
