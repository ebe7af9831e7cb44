import type { AnyProcessor } from '@churnwatch/stream-runtime';

/** The (empty) topics a restored processor is bound to: one per input and output, one for dead letters. */
export function bindingTopics(prefix: string, processor: AnyProcessor) {
  return {
    inputs: processor.inputs.map((input: string) => [input, `${prefix}-${processor.name}-in-${input}`] as const),
    outputs: processor.outputs.map((output: string) => [output, `${prefix}-${processor.name}-out-${output}`] as const),
    deadLetters: `${prefix}-${processor.name}-dead-letters`,
  };
}
