/**
 * The data plane's contract between a task's record writers/readers and the transport.
 *
 * A channel connects one producer subtask to one consumer subtask of one edge, identified by
 * a key string `${jobId}/${attempt}/${edgeId}/${producer}->${consumer}`. Messages on a
 * channel arrive in order. Flow control is credit based: the consumer grants credits (one
 * per message it can hold), the producer never puts a message on the wire or in a peer's
 * queue without one, so a slow consumer back-pressures its producers with bounded memory.
 */

export type ChannelEvent =
  | { type: 'end-of-partition' }
  | { type: 'barrier'; checkpointId: number; timestamp: number; savepoint?: boolean; /** where subtasks write their state */ location?: string; /** stop-with-savepoint: no records follow */ stop?: boolean }
  | { type: 'watermark'; timestamp: number }
  /** The producer's stream went idle (its watermarks stop holding back event time) or active again. */
  | { type: 'watermark-status'; idle: boolean };

export type ChannelMessage =
  /** A batch of records encoded with common/record-codec (peer and remote channels). */
  | { kind: 'buffer'; data: Uint8Array; records: number }
  /**
   * A batch of records passed by reference (local channels inside one worker thread only),
   * with their event timestamps when they have some (a column, see common/record-codec).
   */
  | { kind: 'records'; records: unknown[]; timestamps?: number[] }
  | { kind: 'event'; event: ChannelEvent };

export type ChannelLocation =
  /** Producer and consumer run in the same worker thread. */
  | { kind: 'local' }
  /** Another slot worker of the same TaskManager: exchanged through a MessagePort, not TCP. */
  | { kind: 'peer'; slot: number }
  /** Another TaskManager: TCP to that slot's data port. */
  | { kind: 'remote'; host: string; port: number };

export interface OutputChannel {
  readonly key: string;
  /** True for 'local' channels: the writer may send { kind: 'records' } without encoding. */
  readonly isLocal: boolean;
  /** Queues a message; it leaves as soon as the consumer has granted credit. Never drops. */
  send(msg: ChannelMessage): void;
  /** Messages waiting locally for credit. */
  readonly backlog: number;
  /** False while backlog >= maxBacklog: producers must stop producing until onWritable fires. */
  isWritable(): boolean;
  /** Called each time the channel turns writable again after being unwritable. */
  onWritable(listener: () => void): void;
  /** Called once if the channel breaks (peer gone, connection lost). */
  onError(listener: (err: Error) => void): void;
  /** Releases the channel (after end-of-partition was sent, or on cancel). */
  close(): void;
}

export interface InputChannel {
  readonly key: string;
  /** Next message or undefined. Taking a message gives one credit back to the producer. */
  poll(): ChannelMessage | undefined;
  /** Messages received and not yet polled (never more than the credits granted). */
  readonly queued: number;
  /** Called when a message arrives while the queue was empty. */
  onAvailable(listener: () => void): void;
  /** Called once if the producer's connection breaks before its end-of-partition. */
  onError(listener: (err: Error) => void): void;
  close(): void;
}

export interface NetworkOptions {
  /** Interface for the data port. @default '127.0.0.1' */
  host: string;
  /** Data port of this worker; 0 picks a free one. */
  port: number;
  /** This worker's slot index within its TaskManager. */
  slot: number;
  /**
   * MessagePorts to the other slot workers of this TaskManager, by their slot index.
   * (`InstanceType<typeof MessagePort>`: without the DOM lib the global MessagePort is only a value.)
   */
  peers: Map<number, InstanceType<typeof MessagePort> | import('node:worker_threads').MessagePort>;
  /** Credits a consumer grants each channel (= messages it buffers per channel). @default 4 */
  initialCredits?: number;
  /** Backlog at which a producer's channel reports unwritable. @default 2 */
  maxBacklog?: number;
  /** TLS and the auth token of the data port and of connections to other data ports. @default none */
  security?: import('../../common/security').SecurityConfig;
}

/** One per slot worker: owns its data port, its peer ports and every channel in that worker. */
export interface NetworkEnvironment {
  readonly dataPort: number;
  createOutputChannel(key: string, location: ChannelLocation): OutputChannel;
  /** Registers the consumer side; credits are granted once the producer has opened it too. */
  createInputChannel(key: string): InputChannel;
  /** Closes every channel whose key starts with the prefix (a job attempt being cancelled). */
  releaseChannels(keyPrefix: string): void;
  close(): Promise<void>;
}

export function channelKey(jobId: string, attempt: number, edgeId: string, producer: number, consumer: number): string {
  return `${jobId}/${attempt}/${edgeId}/${producer}->${consumer}`;
}
