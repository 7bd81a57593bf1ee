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
  /**
   * The operator of the same chain whose output feeds this one; absent for the chain's head.
   * A chain is a tree: an operator may feed several chained operators (fan-out).
   */
  'chainInput'?: (number);
  '_chainInput'?: "chainInput";
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
  /**
   * The operator of the same chain whose output feeds this one; absent for the chain's head.
   * A chain is a tree: an operator may feed several chained operators (fan-out).
   */
  'chainInput'?: (number);
}
