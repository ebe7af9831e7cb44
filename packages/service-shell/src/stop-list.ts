/** Something to stop at shutdown, with the name it is logged under. */
interface Stopper {
  readonly name: string;
  readonly stop: () => Promise<void> | void;
}

export interface StopList {
  /** Registers a step; steps run in reverse order of registration (last started, first stopped). */
  add(name: string, stop: () => Promise<void> | void): void;
  /** Runs every step once, one after the other; a failing step is reported and the next still runs. */
  run(onError: (name: string, error: unknown) => void): Promise<void>;
}

export function createStopList(): StopList {
  const steps: Stopper[] = [];
  return {
    add(name, stop) {
      steps.push({ name, stop });
    },
    async run(onError) {
      while (steps.length > 0) {
        const step = steps.pop() as Stopper;
        try {
          await step.stop();
        } catch (error) {
          onError(step.name, error);
        }
      }
    },
  };
}
