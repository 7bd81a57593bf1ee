// Original file: proto/sluice.proto

import type { _sluice_v1_Execution_StateInput, _sluice_v1_Execution_State } from '../../sluice/v1/Execution';

export interface SubtaskStatusInput {
  'index'?: (number);
  'state'?: (_sluice_v1_Execution_StateInput);
  'taskManagerId'?: (string);
  'attempt'?: (number);
}

export interface SubtaskStatus {
  'index': (number);
  'state': (_sluice_v1_Execution_State);
  'taskManagerId': (string);
  'attempt': (number);
}
