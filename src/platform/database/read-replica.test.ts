import { describe, expect, it } from 'vitest';
import { isLostConnection } from './read-replica.js';

describe('isLostConnection', () => {
  it('knows a server that ended or refused the connection', () => {
    expect(isLostConnection({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(isLostConnection({ code: '57P03', message: 'the database system is starting up' })).toBe(
      true,
    );
    expect(isLostConnection({ code: '08006' })).toBe(true);
    expect(isLostConnection({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isLostConnection(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves a fault of the query itself alone', () => {
    expect(isLostConnection({ code: '42P01', message: 'relation "x" does not exist' })).toBe(false);
    expect(
      isLostConnection({
        code: '25006',
        message: 'cannot execute INSERT in a read-only transaction',
      }),
    ).toBe(false);
    expect(isLostConnection(undefined)).toBe(false);
  });
});
