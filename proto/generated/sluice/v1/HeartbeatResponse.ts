// Original file: proto/sluice.proto


export interface HeartbeatResponseInput {
  'known'?: (boolean);
}

export interface HeartbeatResponse {
  'known': (boolean);
}
