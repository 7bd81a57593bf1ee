import type * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { unaryHandler } from '../../proto/grpc-calls';
import type { JobStatus, JobSummary, SavepointRequest, SubmitJobRequest } from '../../proto/messages';
import { JobNotFoundError } from '../../common/errors';
import { jobSubmissionOf } from '../dispatcher/job-submission';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { CheckpointingGateway } from '../checkpoint/checkpointing-gateway';

export interface GrpcService {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

/** JobManagerGateway: what clients (stream-submit) call. Errors cross as SluiceErrors. */
/** The JobManager's archive of ended jobs, as the client calls see it. */
export interface ArchivedJobs {
  /** The jobs that ended before this JobManager started, so `stream-submit list -a` shows them as the REST API does. */
  summaries(): JobSummary[];
  /** One of them, so `stream-submit status JOBID` knows it as `GET /jobs/:jid` does. */
  status(jobId: string): JobStatus | undefined;
}

const NO_ARCHIVE: ArchivedJobs = { summaries: () => [], status: () => undefined };

export function createJobManagerGatewayService(dispatcher: Dispatcher, checkpointing: CheckpointingGateway, archived: ArchivedJobs = NO_ARCHIVE): GrpcService {
  return {
    definition: sluiceService('JobManagerGateway').service,
    implementation: {
      SubmitJob: unaryHandler<SubmitJobRequest, { jobId: string }>(async (req) => ({ jobId: await dispatcher.submitAsync(jobSubmissionOf(req)) })),
      ListJobs: unaryHandler<unknown, { jobs: JobSummary[] }>(() => ({ jobs: [...archived.summaries(), ...dispatcher.summaries()] })),
      GetJobStatus: unaryHandler<{ jobId: string }, JobStatus>((req) => {
        try {
          return dispatcher.status(req.jobId);
        } catch (err) {
          const ended = err instanceof JobNotFoundError ? archived.status(req.jobId.toLowerCase()) : undefined;
          if (ended) return ended;
          throw err;
        }
      }),
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
