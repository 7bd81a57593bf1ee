// Original file: proto/sluice.proto


/**
 * The bundled job code and how to run it again on the TaskManagers.
 */
export interface JobArtifactInput {
  /**
   * one CommonJS bundle (esbuild) of the job file
   */
  'code'?: (Buffer | Uint8Array | string);
  /**
   * job arguments after the job file
   */
  'args'?: (string)[];
  /**
   * -p, 0 = cluster default
   */
  'defaultParallelism'?: (number);
  /**
   * the job file's base name, for messages
   */
  'fileName'?: (string);
}

/**
 * The bundled job code and how to run it again on the TaskManagers.
 */
export interface JobArtifact {
  /**
   * one CommonJS bundle (esbuild) of the job file
   */
  'code': (Buffer);
  /**
   * job arguments after the job file
   */
  'args': (string)[];
  /**
   * -p, 0 = cluster default
   */
  'defaultParallelism': (number);
  /**
   * the job file's base name, for messages
   */
  'fileName': (string);
}
