// Original file: proto/sluice.proto


export interface SavepointResponseInput {
  'path'?: (string);
}

export interface SavepointResponse {
  'path': (string);
}
