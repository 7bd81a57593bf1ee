// Original file: proto/sluice.proto


// Original file: proto/sluice.proto

export const _sluice_v1_ConnectEvent_Kind = {
  /**
   * the JobManager accepted the stream (first event)
   */
  CONNECTED: 'CONNECTED',
} as const;

export type _sluice_v1_ConnectEvent_KindInput =
  /**
   * the JobManager accepted the stream (first event)
   */
  | 'CONNECTED'
  | 0

export type _sluice_v1_ConnectEvent_Kind = typeof _sluice_v1_ConnectEvent_Kind[keyof typeof _sluice_v1_ConnectEvent_Kind]

export interface ConnectEventInput {
  'kind'?: (_sluice_v1_ConnectEvent_KindInput);
}

export interface ConnectEvent {
  'kind': (_sluice_v1_ConnectEvent_Kind);
}
