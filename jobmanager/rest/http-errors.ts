/**
 * A 404 for REST resources that have no SluiceError code of their own (a TaskManager, an
 * uploaded job file, a savepoint request id). The error handler answers any error carrying
 * a 4xx `statusCode` with that status and `{"errors": [message]}`.
 */
export class RestNotFoundError extends Error {
  readonly statusCode = 404;

  constructor(message: string) {
    super(message);
    this.name = 'RestNotFoundError';
  }
}
