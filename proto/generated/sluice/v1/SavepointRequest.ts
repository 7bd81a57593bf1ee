// Original file: proto/sluice.proto


export interface SavepointRequestInput {
  'jobId'?: (string);
  /**
   * empty: the cluster's default savepoint directory
   */
  'targetDirectory'?: (string);
  /**
   * TriggerSavepoint: cancel the job afterwards
   */
  'cancelJob'?: (boolean);
  /**
   * StopWithSavepoint: advance event time to the end first
   */
  'drain'?: (boolean);
}

export interface SavepointRequest {
  'jobId': (string);
  /**
   * empty: the cluster's default savepoint directory
   */
  'targetDirectory': (string);
  /**
   * TriggerSavepoint: cancel the job afterwards
   */
  'cancelJob': (boolean);
  /**
   * StopWithSavepoint: advance event time to the end first
   */
  'drain': (boolean);
}
