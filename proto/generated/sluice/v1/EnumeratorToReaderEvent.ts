// Original file: proto/sluice.proto

import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from '../../sluice/v1/TaskRef';
import type { SplitAssignmentInput as _sluice_v1_SplitAssignmentInput, SplitAssignment as _sluice_v1_SplitAssignment } from '../../sluice/v1/SplitAssignment';
import type { NoMoreSplitsInput as _sluice_v1_NoMoreSplitsInput, NoMoreSplits as _sluice_v1_NoMoreSplits } from '../../sluice/v1/NoMoreSplits';

export interface EnumeratorToReaderEventInput {
  'task'?: (_sluice_v1_TaskRefInput | null);
  'addSplits'?: (_sluice_v1_SplitAssignmentInput | null);
  'noMoreSplits'?: (_sluice_v1_NoMoreSplitsInput | null);
  'sourceEvent'?: (Buffer | Uint8Array | string);
  'kind'?: "addSplits"|"noMoreSplits"|"sourceEvent";
}

export interface EnumeratorToReaderEvent {
  'task': (_sluice_v1_TaskRef | null);
  'addSplits'?: (_sluice_v1_SplitAssignment | null);
  'noMoreSplits'?: (_sluice_v1_NoMoreSplits | null);
  'sourceEvent'?: (Buffer);
}
