// Original file: proto/sluice.proto


/**
 * An error that crossed a process boundary, as Flink's SerializedThrowable keeps it: what the
 * JobManager needs to show it (REST /exceptions, the CLI) and to decide on a restart.
 */
export interface TaskErrorInput {
  /**
   * RangeError, TypeError, or a Sluice error class
   */
  'className'?: (string);
  'message'?: (string);
  /**
   * frames of the job file mapped to the user's own files and lines
   */
  'stack'?: (string);
  /**
   * a SluiceError code (docs/errors.md); TASK_FAILURE for user code
   */
  'code'?: (string);
  /**
   * user | external | internal
   */
  'domain'?: (string);
  'retryable'?: (boolean);
}

/**
 * An error that crossed a process boundary, as Flink's SerializedThrowable keeps it: what the
 * JobManager needs to show it (REST /exceptions, the CLI) and to decide on a restart.
 */
export interface TaskError {
  /**
   * RangeError, TypeError, or a Sluice error class
   */
  'className': (string);
  'message': (string);
  /**
   * frames of the job file mapped to the user's own files and lines
   */
  'stack': (string);
  /**
   * a SluiceError code (docs/errors.md); TASK_FAILURE for user code
   */
  'code': (string);
  /**
   * user | external | internal
   */
  'domain': (string);
  'retryable': (boolean);
}
