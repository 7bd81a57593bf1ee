// Original file: proto/sluice.proto


export interface SplitRequestInput {
  'hostname'?: (string);
}

export interface SplitRequest {
  'hostname': (string);
}
