import type * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { unaryHandler } from '../../proto/grpc-calls';
import type { JobStatus, JobSummary, SavepointRequest, SubmitJobRequest } from '../../proto/messages';
import { jobSubmissionOf } from '../dispatcher/job-submission';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { CheckpointingGateway } from '../checkpoint/checkpointing-gateway';

export interface GrpcService {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

/** JobManagerGateway: what clients (stream-submit) call. Errors cross as SluiceErrors. */
/**
 * `archived` lists the jobs that ended before this JobManager started (its archive), so
 * `stream-submit list -a` shows them as the REST API does.
 */
export function createJobManagerGatewayService(dispatcher: Dispatcher, checkpointing: CheckpointingGateway, archived: () => JobSummary[] = () => []): GrpcService {
  return {
    definition: sluiceService('JobManagerGateway').service,
    implementation: {
      SubmitJob: unaryHandler<SubmitJobRequest, { jobId: string }>(async (req) => ({ jobId: await dispatcher.submitAsync(jobSubmissionOf(req)) })),
      ListJobs: unaryHandler<unknown, { jobs: JobSummary[] }>(() => ({ jobs: [...archived(), ...dispatcher.summaries()] })),
      GetJobStatus: unaryHandler<{ jobId: string }, JobStatus>((req) => dispatcher.status(req.jobId)),
      CancelJob: unaryHandler<{ jobId: string }, JobStatus>((req) => dispatcher.cancel(req.jobId)),
      TriggerSavepoint: unaryHandler<SavepointRequest, { path: string }>(async (req) => ({
        path: await checkpointing.triggerSavepoint(req.jobId, { targetDirectory: req.targetDirectory || undefined, cancelJob: req.cancelJob }),
      })),
      StopWithSavepoint: unaryHandler<SavepointRequest, { path: string }>(async (req) => ({
        path: await checkpointing.triggerSavepoint(req.jobId, { targetDirectory: req.targetDirectory || undefined, stop: true, drain: req.drain }),
      })),
    },
  };
}
