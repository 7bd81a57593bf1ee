// Original file: proto/sluice.proto


export interface InputEdgeDeploymentInput {
  'edgeId'?: (string);
  'sourceVertex'?: (string);
  'numProducers'?: (number);
  'targetInput'?: (number);
  'targetOperatorId'?: (number);
}

export interface InputEdgeDeployment {
  'edgeId': (string);
  'sourceVertex': (string);
  'numProducers': (number);
  'targetInput': (number);
  'targetOperatorId': (number);
}
