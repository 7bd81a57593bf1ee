// Original file: proto/sluice.proto


export interface SlotInfoInput {
  'index'?: (number);
  /**
   * each slot's worker thread listens for shuffle connections
   */
  'dataHost'?: (string);
  'dataPort'?: (number);
}

export interface SlotInfo {
  'index': (number);
  /**
   * each slot's worker thread listens for shuffle connections
   */
  'dataHost': (string);
  'dataPort': (number);
}
