import type { ErrorCode } from './errors';

/**
 * gRPC status codes by name (the numbers are gRPC's wire contract, see grpc/doc/statuscodes.md):
 * common/ knows no transport library, so they are spelt out here once.
 */
export const GRPC_STATUS = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** How one error code travels: the gRPC status and the HTTP status it is answered with. */
export interface ErrorStatus {
  readonly grpc: number;
  readonly http: number;
}

/**
 * The one mapping of SluiceError codes to gRPC and HTTP statuses (docs/errors.md lists it).
 * A code missing here is a compile error, so a new code cannot fall through to a 500 silently.
 */
export const ERROR_STATUSES: Readonly<Record<ErrorCode, ErrorStatus>> = {
  INVALID_ARGUMENT: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  INVALID_JOB_FILE: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  INVALID_GRAPH: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  SAVEPOINT_INVALID: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  GRAPH_MISMATCH: { grpc: GRPC_STATUS.INVALID_ARGUMENT, http: 400 },
  JOB_NOT_FOUND: { grpc: GRPC_STATUS.NOT_FOUND, http: 404 },
  VERTEX_NOT_FOUND: { grpc: GRPC_STATUS.NOT_FOUND, http: 404 },
  ILLEGAL_STATE: { grpc: GRPC_STATUS.FAILED_PRECONDITION, http: 409 },
  TOO_LARGE: { grpc: GRPC_STATUS.RESOURCE_EXHAUSTED, http: 413 },
  OVERLOADED: { grpc: GRPC_STATUS.RESOURCE_EXHAUSTED, http: 429 },
  NO_RESOURCES: { grpc: GRPC_STATUS.RESOURCE_EXHAUSTED, http: 503 },
  UNREACHABLE: { grpc: GRPC_STATUS.UNAVAILABLE, http: 503 },
  NOT_LEADER: { grpc: GRPC_STATUS.UNAVAILABLE, http: 503 },
  TIMEOUT: { grpc: GRPC_STATUS.DEADLINE_EXCEEDED, http: 504 },
  STORAGE_FAILURE: { grpc: GRPC_STATUS.UNAVAILABLE, http: 503 },
  CHECKPOINT_FAILURE: { grpc: GRPC_STATUS.INTERNAL, http: 500 },
  TASK_FAILURE: { grpc: GRPC_STATUS.INTERNAL, http: 500 },
  CONNECTOR_FAILURE: { grpc: GRPC_STATUS.UNAVAILABLE, http: 502 },
  INTERNAL: { grpc: GRPC_STATUS.INTERNAL, http: 500 },
};

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUSES, code);
}
