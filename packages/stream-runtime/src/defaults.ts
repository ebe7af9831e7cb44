/** Recent event ids kept per key to recognise a re-sent event (a retried producer send repeats its id). */
export const defaultMaxRecentEventIds = 16;
