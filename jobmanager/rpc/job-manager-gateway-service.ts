import type * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { unaryHandler } from '../../proto/grpc-calls';
import type { JobStatus, SubmitJobRequest } from '../../proto/messages';
import type { Dispatcher } from '../dispatcher/dispatcher';

export interface GrpcService {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

/** JobManagerGateway: what clients (stream-submit) call. Errors cross as SluiceErrors. */
export function createJobManagerGatewayService(dispatcher: Dispatcher): GrpcService {
  return {
    definition: sluiceService('JobManagerGateway').service,
    implementation: {
      SubmitJob: unaryHandler<SubmitJobRequest, { jobId: string }>((req) => ({ jobId: dispatcher.submit(req) })),
      ListJobs: unaryHandler<unknown, { jobs: ReturnType<Dispatcher['summaries']> }>(() => ({ jobs: dispatcher.summaries() })),
      GetJobStatus: unaryHandler<{ jobId: string }, JobStatus>((req) => dispatcher.status(req.jobId)),
      CancelJob: unaryHandler<{ jobId: string }, JobStatus>((req) => dispatcher.cancel(req.jobId)),
    },
  };
}
