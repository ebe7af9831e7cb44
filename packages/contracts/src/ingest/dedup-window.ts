/**
 * The last `maxIds` event ids of one key (e.g. one customer), oldest first. Plain JSON, so it can
 * live in a changelog-backed state store. Producers that retry resend the same event id; a
 * bounded window recognises those repeats without remembering every id ever seen.
 */
export interface DedupState {
  readonly ids: readonly string[];
}

export interface DedupWindow {
  readonly maxIds: number;
  empty(): DedupState;
  /** Pure: whether `eventId` is among the remembered ids, and the state with it remembered. */
  observe(state: DedupState, eventId: string): { readonly duplicate: boolean; readonly state: DedupState };
}

export function createDedupWindow(maxIds: number): DedupWindow {
  if (!Number.isInteger(maxIds) || maxIds < 1) throw new RangeError(`maxIds must be a positive integer, got ${maxIds}`);
  return {
    maxIds,
    empty: () => ({ ids: [] }),
    observe(state, eventId) {
      if (state.ids.includes(eventId)) return { duplicate: true, state };
      const ids = state.ids.length >= maxIds ? [...state.ids.slice(state.ids.length - maxIds + 1), eventId] : [...state.ids, eventId];
      return { duplicate: false, state: { ids } };
    },
  };
}
