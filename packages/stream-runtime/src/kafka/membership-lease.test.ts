import { describe, expect, it } from 'vitest';
import { MembershipLease } from './membership-lease.ts';

describe('MembershipLease', () => {
  const at = (start: number) => {
    const clock = { now: start };
    return { clock, lease: new MembershipLease(6_000, 1_000, () => clock.now) };
  };

  it('is not held before the first confirmation', () => {
    const { lease } = at(0);
    expect(lease.held).toBe(false);
    expect(lease.sinceConfirmedMs).toBeUndefined();
  });

  it('holds for the session timeout less one heartbeat interval after a confirmation', () => {
    const { clock, lease } = at(100);
    lease.confirm();
    clock.now = 100 + 4_999;
    expect(lease.held).toBe(true);
    clock.now = 100 + 5_000;
    expect(lease.held).toBe(false);
    expect(lease.sinceConfirmedMs).toBe(5_000);
  });

  it('holds again after a later confirmation, and ends with the consumer', () => {
    const { clock, lease } = at(0);
    lease.confirm();
    clock.now = 20_000;
    expect(lease.held).toBe(false);
    lease.confirm();
    expect(lease.held).toBe(true);
    lease.end();
    expect(lease.held).toBe(false);
  });
});
