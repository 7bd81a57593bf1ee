// Original file: proto/sluice.proto


export interface SplitAssignmentInput {
  'splits'?: (Buffer | Uint8Array | string);
}

export interface SplitAssignment {
  'splits': (Buffer);
}
