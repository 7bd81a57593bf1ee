// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

export interface OutputResponseInput {
  /**
   * newest last; starts at a line start
   */
  'text'?: (string);
  /**
   * older output was dropped
   */
  'truncated'?: (boolean);
  /**
   * bytes kept
   */
  'size'?: (number | string | Long);
  /**
   * epoch ms of the last write; 0 if none
   */
  'modifiedAt'?: (number | string | Long);
}

export interface OutputResponse {
  /**
   * newest last; starts at a line start
   */
  'text': (string);
  /**
   * older output was dropped
   */
  'truncated': (boolean);
  /**
   * bytes kept
   */
  'size': (number);
  /**
   * epoch ms of the last write; 0 if none
   */
  'modifiedAt': (number);
}
