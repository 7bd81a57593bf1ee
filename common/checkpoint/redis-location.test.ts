import { describe, expect, it } from 'vitest';
import { parseRedisLocation } from './redis-location';

describe('parseRedisLocation', () => {
  it('reads host, port, db and path, with Redis defaults', () => {
    expect(parseRedisLocation('redis://127.0.0.1:6380/2/ha/jobs/')).toEqual({ host: '127.0.0.1', port: 6380, db: 2, base: 'redis://127.0.0.1:6380/2', path: '/ha/jobs' });
    expect(parseRedisLocation('redis://cache')).toEqual({ host: 'cache', port: 6379, db: 0, base: 'redis://cache:6379/0', path: '' });
    expect(parseRedisLocation('redis://cache:7000/5')).toMatchObject({ base: 'redis://cache:7000/5', path: '' });
  });

  it('is undefined for anything else', () => {
    for (const bad of ['file:///tmp/x', 'redis:', 'redis://', 'redis://h:port/0', 'redis://h/not-a-db/x', 'redis://u:p@h/0', '/tmp/redis:'])
      expect(parseRedisLocation(bad), bad).toBeUndefined();
  });
});
