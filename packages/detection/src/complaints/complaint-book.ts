import { type ComplaintEventV1, type ComplaintSeverity, complaintSeverities } from '@churnwatch/contracts';
import { MS_PER_DAY } from '../time/days.ts';

/**
 * The complaints of one customer as the monitor keeps them: the open ones, and every complaint
 * opened within the window or the track record (for counts, repeated categories and how the
 * customer's complaints were handled). Events may arrive out of order:
 * an update for an unknown complaint opens it, a late "opened" after "resolved" is not reopened.
 * Plain JSON; pure functions returning new values.
 */
export interface OpenComplaint {
  readonly severity: ComplaintSeverity;
  readonly category: string | null;
  readonly openedAtMs: number;
  /** Where it was raised; absent in state from before it was kept (weighs as 1). */
  readonly channel?: ComplaintEventV1['channel'];
}

export interface RecentComplaint {
  readonly complaintId: string;
  readonly category: string | null;
  readonly openedAtMs: number;
  /** The highest severity it was seen with; absent in state from before it was kept. */
  readonly severity?: ComplaintSeverity;
  /** Where it was raised; absent in state from before it was kept (weighs as 1). */
  readonly channel?: ComplaintEventV1['channel'];
}

export interface ComplaintBook {
  readonly open: Readonly<Record<string, OpenComplaint>>;
  /** Complaints opened within the kept horizon (see pruneComplaintBook), oldest first. */
  readonly recent: readonly RecentComplaint[];
  /** Resolution time of recently resolved complaints, so a late "opened" does not reopen them. */
  readonly resolvedAtMs: Readonly<Record<string, number>>;
}

export const EMPTY_COMPLAINT_BOOK: ComplaintBook = { open: {}, recent: [], resolvedAtMs: {} };

const rank = (severity: ComplaintSeverity) => complaintSeverities.indexOf(severity);

/** Bounds the state of a customer that complains without end. */
const MAX_RECENT = 200;
const MAX_OPEN = 200;

export function recordComplaintEvent(book: ComplaintBook, event: ComplaintEventV1, eventTimeMs: number): ComplaintBook {
  const id = event.complaintId;
  const category = event.category ?? null;
  const known = Object.hasOwn(book.open, id) ? book.open[id] : undefined;
  const seen = book.recent.find((entry) => entry.complaintId === id);
  const recent =
    seen === undefined
      ? withRecent(book.recent, { complaintId: id, category, openedAtMs: eventTimeMs, severity: event.severity, channel: event.channel })
      : seen.severity === undefined || rank(event.severity) <= rank(seen.severity)
        ? book.recent
        : book.recent.map((entry) => (entry === seen ? { ...entry, severity: event.severity } : entry));

  if (event.status === 'resolved') {
    const { [id]: _resolved, ...open } = book.open;
    return { open, recent, resolvedAtMs: { ...book.resolvedAtMs, [id]: eventTimeMs } };
  }
  if (Object.hasOwn(book.resolvedAtMs, id)) return { ...book, recent };
  const updated: OpenComplaint = {
    severity: event.severity,
    category: category ?? known?.category ?? null,
    openedAtMs: known?.openedAtMs ?? eventTimeMs,
    channel: event.channel,
  };
  const open = { ...book.open, [id]: updated };
  if (Object.keys(open).length > MAX_OPEN) return { ...book, recent };
  return { open, recent, resolvedAtMs: book.resolvedAtMs };
}

/**
 * `recent` with `entry` in its place by opening time (after entries opened at the same time),
 * keeping the newest MAX_RECENT. Events mostly come in order: then it is an append, not a sort.
 */
function withRecent(recent: readonly RecentComplaint[], entry: RecentComplaint): readonly RecentComplaint[] {
  let at = recent.length;
  while (at > 0 && recent[at - 1]!.openedAtMs > entry.openedAtMs) at--;
  const next = [...recent.slice(0, at), entry, ...recent.slice(at)];
  return next.length > MAX_RECENT ? next.slice(next.length - MAX_RECENT) : next;
}

/**
 * Forgets what has left the kept horizon: complaints opened and resolutions older than `windowDays`
 * (the monitor passes the longer of the window and the track record).
 * Returns the same book when nothing left it, which is the common case on every assessment.
 */
export function pruneComplaintBook(book: ComplaintBook, nowMs: number, windowDays: number): ComplaintBook {
  const windowStartMs = nowMs - windowDays * MS_PER_DAY;
  const recentLeft = book.recent.length > 0 && book.recent[0]!.openedAtMs <= windowStartMs;
  let resolvedLeft = false;
  for (const id in book.resolvedAtMs) {
    if (book.resolvedAtMs[id]! <= windowStartMs) {
      resolvedLeft = true;
      break;
    }
  }
  if (!recentLeft && !resolvedLeft) return book;
  return {
    open: book.open,
    recent: recentLeft ? book.recent.filter((entry) => entry.openedAtMs > windowStartMs) : book.recent,
    resolvedAtMs: resolvedLeft ? Object.fromEntries(Object.entries(book.resolvedAtMs).filter(([, atMs]) => atMs > windowStartMs)) : book.resolvedAtMs,
  };
}
