import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at, profile, profileDeleted, purchase } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import { createContractMonitor } from '../contract/contract-monitor.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { type MonitorState, PROFILE_DUE_TIMER } from './create-monitor.ts';

/** Any monitor will do: the profile handling is createMonitor's. */
function monitor() {
  const driver = createDriver([createContractMonitor(parseDetectionConfig({}))]);
  const state = () => driver.stateOf<MonitorState>('contract-monitor', 'acme');
  const signals = () => driver.outputsTo('signals').map((output) => output.value as SignalV1);
  return { driver, state, signals };
}

describe('a monitor and the customer-profile table', () => {
  it('a row from ahead of stream time waits for it, then takes effect and is assessed at its own time', () => {
    const { driver, state, signals } = monitor();
    driver.send(purchase('acme', at('2026-01-15', 9), '12000.00', { renewalDate: '2026-12-31' }));
    const before = signals().length;
    // Read before the events of February: stream time is still 15 January.
    driver.send(profile('acme', { segment: 'enterprise' }, at('2026-03-01', 12)));
    expect(state()?.segmentation).toBeNull();
    expect(state()?.pendingProfiles).toEqual([{ atMs: at('2026-03-01', 12), segmentation: { segment: 'enterprise' } }]);
    expect(driver.timersOf('contract-monitor', 'acme')).toContainEqual({ name: PROFILE_DUE_TIMER, atMs: at('2026-03-01', 12), clock: 'stream' });
    expect(signals()).toHaveLength(before);

    driver.advanceTo(at('2026-02-28'));
    expect(state()?.segmentation).toBeNull();
    driver.advanceTo(at('2026-03-02'));
    expect(state()?.segmentation).toEqual({ segment: 'enterprise' });
    expect(state()?.pendingProfiles).toBeUndefined();
    expect(driver.timersOf('contract-monitor', 'acme').map((timer) => timer.name)).not.toContain(PROFILE_DUE_TIMER);
    // The assessment the row caused is made at the row's time.
    const assessed = signals().slice(before);
    expect(assessed.map((signal) => signal.eventTime)).toEqual(['2026-03-01T12:00:00.000Z']);
  });

  it('rows from ahead take effect in their order, each at its time; a row from behind at once', () => {
    const { driver, state } = monitor();
    driver.send(purchase('acme', at('2026-01-15', 9), '12000.00', { renewalDate: '2026-12-31' }));
    driver.send(profile('acme', { segment: 'smb' }, at('2026-02-10')));
    driver.send(profile('acme', { segment: 'enterprise' }, at('2026-02-01')));
    expect(state()?.pendingProfiles?.map((row) => row.atMs)).toEqual([at('2026-02-01'), at('2026-02-10')]);
    driver.advanceTo(at('2026-02-05'));
    expect(state()?.segmentation).toEqual({ segment: 'enterprise' });
    driver.advanceTo(at('2026-02-11'));
    expect(state()?.segmentation).toEqual({ segment: 'smb' });
    driver.send(profile('acme', { segment: 'mid_market' }, at('2026-02-03')));
    expect(state()?.segmentation).toEqual({ segment: 'mid_market' });
    expect(state()?.pendingProfiles).toBeUndefined();
  });

  it('a deletion from ahead waits too, then drops the segmentation', () => {
    const { driver, state } = monitor();
    driver.send(purchase('acme', at('2026-01-15', 9), '12000.00', { renewalDate: '2026-12-31' }));
    driver.send(profile('acme', { segment: 'enterprise' }, at('2026-01-10')));
    driver.send(profileDeleted('acme', at('2026-02-01')));
    expect(state()?.segmentation).toEqual({ segment: 'enterprise' });
    driver.advanceTo(at('2026-02-02'));
    expect(state()?.segmentation).toBeNull();
  });
});
