/**
 * An error's message followed by those of its causes, each cause's only where the message so far
 * does not already say it: churnwatch's errors usually repeat their cause's message in their own
 * ("Kafka was not reachable at … within 8000 ms: no answer within 1000 ms"), which pino's serializer,
 * appending every cause, would print twice.
 */
export function messageWithNewCauses(error: Error): string {
  let message = error.message;
  const seen = new Set<unknown>([error]);
  for (let cause = error.cause; cause instanceof Error && !seen.has(cause); cause = cause.cause) {
    seen.add(cause);
    if (cause.message !== '' && !message.includes(cause.message)) message = `${message}: ${cause.message}`;
  }
  return message;
}
