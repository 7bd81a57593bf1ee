// Original file: proto/sluice.proto

import type { OutputKindInput as _sluice_v1_OutputKindInput, OutputKind as _sluice_v1_OutputKind } from '../../sluice/v1/OutputKind';

export interface OutputRequestInput {
  'kind'?: (_sluice_v1_OutputKindInput);
  /**
   * 0: all that is kept
   */
  'maxBytes'?: (number);
}

export interface OutputRequest {
  'kind': (_sluice_v1_OutputKind);
  /**
   * 0: all that is kept
   */
  'maxBytes': (number);
}
