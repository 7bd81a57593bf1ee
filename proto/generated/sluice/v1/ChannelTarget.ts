// Original file: proto/sluice.proto


export interface ChannelTargetInput {
  'taskManagerId'?: (string);
  'host'?: (string);
  'port'?: (number);
  'slot'?: (number);
}

export interface ChannelTarget {
  'taskManagerId': (string);
  'host': (string);
  'port': (number);
  'slot': (number);
}
