/**
 * Counts consecutive failed checkpoints against the tolerable number (Flink's
 * CheckpointFailureManager): a completed checkpoint resets the count; one failure more than
 * tolerated fails the job over.
 */
export class CheckpointFailureManager {
  private consecutive = 0;

  constructor(private readonly tolerable: number) {}

  /** Returns true when this failure exceeds what is tolerated. */
  onFailure(): boolean {
    this.consecutive++;
    return this.consecutive > this.tolerable;
  }

  onSuccess(): void {
    this.consecutive = 0;
  }

  get consecutiveFailures(): number {
    return this.consecutive;
  }
}
