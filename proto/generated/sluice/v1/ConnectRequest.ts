// Original file: proto/sluice.proto


export interface ConnectRequestInput {
  'taskManagerId'?: (string);
}

export interface ConnectRequest {
  'taskManagerId': (string);
}
