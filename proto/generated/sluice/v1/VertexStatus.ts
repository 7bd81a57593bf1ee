// Original file: proto/sluice.proto

import type { _sluice_v1_Execution_StateInput, _sluice_v1_Execution_State } from '../../sluice/v1/Execution';
import type { SubtaskStatusInput as _sluice_v1_SubtaskStatusInput, SubtaskStatus as _sluice_v1_SubtaskStatus } from '../../sluice/v1/SubtaskStatus';

export interface VertexStatusInput {
  'id'?: (string);
  'name'?: (string);
  'parallelism'?: (number);
  'state'?: (_sluice_v1_Execution_StateInput);
  'subtasks'?: (_sluice_v1_SubtaskStatusInput)[];
}

export interface VertexStatus {
  'id': (string);
  'name': (string);
  'parallelism': (number);
  'state': (_sluice_v1_Execution_State);
  'subtasks': (_sluice_v1_SubtaskStatus)[];
}
