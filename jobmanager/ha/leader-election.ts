import { parseRedisLocation } from '../../common/checkpoint/redis-location';
import Redis from 'ioredis';
import type { Logger } from '../../common/logger';
import { errorMessage } from '../../common/errors';
import { StateMachine } from '../../common/state-machine';

/** Who leads, as the leader published it. */
export interface LeaderInfo {
  id: string;
  /** Fencing token: grows with every new leadership; writes of older leaders are refused. */
  token: number;
  rpcAddress: string;
  restUrl: string;
}

// Acquire: only when nobody holds the lease; the token comes from a counter that only grows.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token .. '|' .. ARGV[3], 'PX', ARGV[2])
return token`;

// Renew: only our own lease (same id and token).
const RENEW = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/**
 * An election's lifecycle. STANDBY campaigns; LEADER renews its lease; REVOKED lost it (the
 * JobManager ends, and never campaigns again with the same token); STOPPED is final. A
 * campaign or renewal still in flight when the state moved on finds its transition refused
 * and does nothing: a stopped election never becomes leader, a revoked one never renews.
 */
export type ElectionState = 'STANDBY' | 'LEADER' | 'REVOKED' | 'STOPPED';
const ELECTION_TRANSITIONS: Readonly<Record<ElectionState, readonly ElectionState[]>> = {
  STANDBY: ['LEADER', 'STOPPED'],
  LEADER: ['REVOKED', 'STOPPED'],
  REVOKED: ['STOPPED'],
  STOPPED: [],
};

export interface LeaderElectionOptions {
  /** redis://host:port/db */
  redisBase: string;
  /** Key namespace, so several clusters can share one Redis. */
  namespace: string;
  self: Omit<LeaderInfo, 'token'>;
  /** Lease time: a dead leader is replaced after at most this long. @default 3000 */
  leaseMs?: number;
  log: Logger;
}

/**
 * Leader election among JobManagers on Redis: a lease key set with NX and a time-to-live,
 * renewed by the leader, plus a fencing token from a counter that only grows. A JobManager
 * that cannot renew its lease in time steps down (the process ends, as Flink's JobManager
 * does on lost leadership); its late writes are refused by the token check.
 */
export class RedisLeaderElection {
  private readonly redis: Redis;
  private readonly leaseKey: string;
  private readonly tokenKey: string;
  private readonly leaseMs: number;
  private readonly lifecycle = new StateMachine<ElectionState>('leader election', 'STANDBY', ELECTION_TRANSITIONS);
  private timer: NodeJS.Timeout | undefined;
  private token = 0;
  private lastRenewal = 0;
  private campaigns = 0;

  constructor(private readonly opts: LeaderElectionOptions) {
    const at = parseRedisLocation(opts.redisBase);
    if (!at) throw new Error(`leader election needs a redis://host:port/db location, got ${opts.redisBase}`);
    this.redis = new Redis({ host: at.host, port: at.port, db: at.db, lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 300 });
    this.redis.on('error', () => {});
    this.leaseKey = `sluice:${opts.namespace}:leader`;
    this.tokenKey = `sluice:${opts.namespace}:leader-token`;
    this.leaseMs = opts.leaseMs ?? 3000;
  }

  get isLeader(): boolean {
    return this.lifecycle.state === 'LEADER';
  }

  get state(): ElectionState {
    return this.lifecycle.state;
  }

  /** Every change of state, in order (the JobManager logs them; tests observe them). */
  onStateChange(listener: (from: ElectionState, to: ElectionState) => void): void {
    this.lifecycle.onTransition(listener);
  }

  get fencingToken(): number {
    return this.token;
  }

  /** Campaigns lost or won so far (tests observe a standby campaigning). */
  get campaignAttempts(): number {
    return this.campaigns;
  }

  get tokenKeyName(): string {
    return this.tokenKey;
  }

  /** Campaigns until elected (then calls onElected) and keeps the lease; onRevoked if it is lost. */
  start(onElected: (token: number) => void, onRevoked: (why: string) => void): void {
    const tick = async () => {
      const state = this.lifecycle.state;
      if (state === 'STOPPED' || state === 'REVOKED') return;
      try {
        if (state === 'STANDBY') {
          const value = `${this.opts.self.id}`;
          const token = Number(await this.redis.eval(ACQUIRE, 2, this.leaseKey, this.tokenKey, value, String(this.leaseMs), `${this.opts.self.rpcAddress}|${this.opts.self.restUrl}`));
          this.campaigns++;
          // Refused when stop() came while the campaign was in flight: the lease then expires unrenewed.
          if (token > 0 && this.lifecycle.tryTransition('LEADER')) {
            this.token = token;
            this.lastRenewal = Date.now();
            this.opts.log.info(`Elected leader`, { token, id: this.opts.self.id });
            onElected(token);
          }
        } else {
          const ok = Number(await this.redis.eval(RENEW, 1, this.leaseKey, `${this.opts.self.id}|${this.token}|`, String(this.leaseMs)));
          if (ok === 1) this.lastRenewal = Date.now();
          else return this.revoke(`another JobManager holds the leadership`, onRevoked);
        }
      } catch (err) {
        if (this.lifecycle.state === 'LEADER' && Date.now() - this.lastRenewal > this.leaseMs) return this.revoke(`could not renew the lease in time: ${errorMessage(err)}`, onRevoked);
      }
      if (this.lifecycle.state === 'STANDBY' || this.lifecycle.state === 'LEADER') this.timer = setTimeout(() => void tick(), Math.floor(this.leaseMs / 3));
    };
    void tick();
  }

  /** The current leader, as published in Redis. */
  async leader(): Promise<LeaderInfo | undefined> {
    const v = await this.redis.get(this.leaseKey);
    if (!v) return undefined;
    const [id, token, rpcAddress, restUrl] = v.split('|');
    return { id, token: Number(token), rpcAddress, restUrl };
  }

  stop(): void {
    this.lifecycle.tryTransition('STOPPED');
    if (this.timer) clearTimeout(this.timer);
    this.redis.disconnect();
  }

  private revoke(why: string, onRevoked: (why: string) => void): void {
    if (!this.lifecycle.tryTransition('REVOKED')) return; // stopped meanwhile: nothing was lost
    this.opts.log.error(`Lost leadership: ${why}`);
    onRevoked(why);
  }
}
