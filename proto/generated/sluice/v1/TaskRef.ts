// Original file: proto/sluice.proto


export interface TaskRefInput {
  'jobId'?: (string);
  'attempt'?: (number);
  'vertexId'?: (string);
  'subtask'?: (number);
}

export interface TaskRef {
  'jobId': (string);
  'attempt': (number);
  'vertexId': (string);
  'subtask': (number);
}
