// Original file: proto/sluice.proto


/**
 * ---------------------------------------------------------------- source coordination (FLIP-27)
 * Splits and source events are plain data, msgpack-encoded (common/record-codec).
 */
export interface ReaderRegistrationInput {
  'location'?: (string);
}

/**
 * ---------------------------------------------------------------- source coordination (FLIP-27)
 * Splits and source events are plain data, msgpack-encoded (common/record-codec).
 */
export interface ReaderRegistration {
  'location': (string);
}
