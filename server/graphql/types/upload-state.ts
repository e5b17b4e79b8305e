import { registerEnumType } from 'type-graphql';
import { UploadState } from '../../core/upload-state.js';

registerEnumType(UploadState, {
  name: 'UploadState',
  description:
    'WhyLabs upload of a profile. NOT_CONFIGURED: no WhyLabs settings (or no dataset for its model), kept locally; PENDING: waiting or retrying; FAILED: WhyLabs refused it (see uploadError), not retried.',
});

export { UploadState };
