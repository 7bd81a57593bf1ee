// Original file: proto/sluice.proto

import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from '../../sluice/v1/TaskRef';
import type { ReaderRegistrationInput as _sluice_v1_ReaderRegistrationInput, ReaderRegistration as _sluice_v1_ReaderRegistration } from '../../sluice/v1/ReaderRegistration';
import type { SplitRequestInput as _sluice_v1_SplitRequestInput, SplitRequest as _sluice_v1_SplitRequest } from '../../sluice/v1/SplitRequest';

export interface ReaderToEnumeratorEventInput {
  'task'?: (_sluice_v1_TaskRefInput | null);
  'registerReader'?: (_sluice_v1_ReaderRegistrationInput | null);
  'splitRequest'?: (_sluice_v1_SplitRequestInput | null);
  'sourceEvent'?: (Buffer | Uint8Array | string);
  'kind'?: "registerReader"|"splitRequest"|"sourceEvent";
}

export interface ReaderToEnumeratorEvent {
  'task': (_sluice_v1_TaskRef | null);
  'registerReader'?: (_sluice_v1_ReaderRegistration | null);
  'splitRequest'?: (_sluice_v1_SplitRequest | null);
  'sourceEvent'?: (Buffer);
}
