// Original file: proto/sluice.proto


export interface RegisterTaskManagerResponseInput {
  'jobManagerId'?: (string);
  'heartbeatIntervalMs'?: (number);
}

export interface RegisterTaskManagerResponse {
  'jobManagerId': (string);
  'heartbeatIntervalMs': (number);
}
