import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUSES } from '../../common/error-statuses';
import { NotLeaderError, SluiceError, TooLargeError } from '../../common/errors';
import { fromGrpcError, toGrpcError } from '../../proto/grpc-calls';
import { httpStatusFor } from './error-handler';

describe('one table of error statuses', () => {
  it('gRPC and REST answer from the same row', () => {
    expect(ERROR_STATUSES.NOT_LEADER).toEqual({ grpc: grpc.status.UNAVAILABLE, http: 503 });
    expect(toGrpcError(new NotLeaderError('standby')).code).toBe(grpc.status.UNAVAILABLE);
    expect(httpStatusFor('NOT_LEADER')).toBe(503);
    expect(httpStatusFor('TOO_LARGE')).toBe(413);
    expect(httpStatusFor('OVERLOADED')).toBe(429);
    expect(toGrpcError(new TooLargeError('big')).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    // Every user-domain refusal is a 4xx.
    for (const code of ['INVALID_ARGUMENT', 'INVALID_JOB_FILE', 'INVALID_GRAPH', 'SAVEPOINT_INVALID', 'GRAPH_MISMATCH', 'JOB_NOT_FOUND', 'VERTEX_NOT_FOUND', 'ILLEGAL_STATE', 'TOO_LARGE'] as const)
      expect(ERROR_STATUSES[code].http).toBeGreaterThanOrEqual(400), expect(ERROR_STATUSES[code].http).toBeLessThan(500);
  });

  it('a SluiceError keeps code, domain and retryable across gRPC', () => {
    const sent = new SluiceError('STORAGE_FAILURE', 'Redis is down', { domain: 'external', retryable: true });
    const status = toGrpcError(sent) as grpc.ServiceError;
    const received = fromGrpcError({ ...status, name: 'Error', message: status.details } as grpc.ServiceError, 'jm:6123');
    expect(received).toMatchObject({ code: 'STORAGE_FAILURE', domain: 'external', retryable: true, message: 'Redis is down' });
    const plain = toGrpcError(new Error('oops')) as grpc.ServiceError;
    expect(fromGrpcError({ ...plain, name: 'Error', message: 'oops' } as grpc.ServiceError, 'jm')).toMatchObject({ code: 'INTERNAL', domain: 'internal', retryable: false });
  });
});
