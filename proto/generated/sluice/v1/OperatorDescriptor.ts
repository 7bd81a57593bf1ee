// Original file: proto/sluice.proto


/**
 * ---------------------------------------------------------------- job graph
 */
export interface OperatorDescriptorInput {
  /**
   * position of the transformation in the job function's build order
   */
  'id'?: (number);
  /**
   * e.g. "source.datagen", "map", "keyed.reduce", "sink.print"
   */
  'kind'?: (string);
  'name'?: (string);
  /**
   * the user's uid, or a generated one (user_uid = false)
   */
  'uid'?: (string);
  'userUid'?: (boolean);
  /**
   * static, JSON-serialisable parameters of the operator
   */
  'configJson'?: (string);
}

/**
 * ---------------------------------------------------------------- job graph
 */
export interface OperatorDescriptor {
  /**
   * position of the transformation in the job function's build order
   */
  'id': (number);
  /**
   * e.g. "source.datagen", "map", "keyed.reduce", "sink.print"
   */
  'kind': (string);
  'name': (string);
  /**
   * the user's uid, or a generated one (user_uid = false)
   */
  'uid': (string);
  'userUid': (boolean);
  /**
   * static, JSON-serialisable parameters of the operator
   */
  'configJson': (string);
}
