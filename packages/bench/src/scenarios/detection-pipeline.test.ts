import { describe, expect, it } from 'vitest';
import { detectionServiceInputs } from './detection-pipeline.ts';

describe('detectionServiceInputs', () => {
  const inputsOf = (env: NodeJS.ProcessEnv, name: string) => detectionServiceInputs(env).find((service) => service.name === name)?.inputs;

  it('waits for the clock inputs the services read, and not for those CHURNWATCH_CLOCK_INPUTS=off turns off', () => {
    expect(inputsOf({}, 'complaint-monitor')).toEqual(expect.arrayContaining(['complaints', 'usage']));
    expect(inputsOf({ CHURNWATCH_CLOCK_INPUTS: 'off' }, 'complaint-monitor')).not.toContain('usage');
    expect(inputsOf({ CHURNWATCH_CLOCK_INPUTS: 'off' }, 'usage-monitor')).toContain('usage');
  });
});
