// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A subtask's state in checkpoint storage.
 */
export interface StateHandleInput {
  'subtask'?: (number);
  /**
   * file:///... or redis://host:port/db/... of the state blob
   */
  'location'?: (string);
  'size'?: (number | string | Long);
  /**
   * verified on restore: a corrupt blob is never restored from
   */
  'sha256'?: (string);
}

/**
 * A subtask's state in checkpoint storage.
 */
export interface StateHandle {
  'subtask': (number);
  /**
   * file:///... or redis://host:port/db/... of the state blob
   */
  'location': (string);
  'size': (number);
  /**
   * verified on restore: a corrupt blob is never restored from
   */
  'sha256': (string);
}
