import { type ComplaintEventV1, type ComplaintSeverity, complaintSeverities } from '@churnwatch/contracts';
import { MS_PER_DAY } from '../time/days.ts';

/**
 * The complaints of one customer as the monitor keeps them: the open ones, and every complaint
 * opened within the window or the track record (for counts, repeated categories and how the
 * customer's complaints were handled). Events may arrive out of order:
 * an update for an unknown complaint opens it, a late "opened" after "resolved" is not reopened.
 * Plain JSON; pure functions returning new values.
 *
 * Lists, not records keyed by complaint id: every customer's ids are new keys, so each record
 * took a shape of its own in V8 and every copy of it went the slow way: a record of 20 complaints
 * took 3–7 µs to copy with one more, a list of them 0.15 µs. A lookup by id walks the list; it
 * holds at most a few hundred.
 */
export interface OpenComplaint {
  readonly complaintId: string;
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

export interface ResolvedComplaint {
  readonly complaintId: string;
  readonly atMs: number;
}

export interface ComplaintBook {
  /** In the order they were opened here. */
  readonly open: readonly OpenComplaint[];
  /** Complaints opened within the kept horizon (see pruneComplaintBook), oldest first. */
  readonly recent: readonly RecentComplaint[];
  /** Recently resolved complaints and when, so a late "opened" does not reopen them. */
  readonly resolved: readonly ResolvedComplaint[];
}

/** The book as state written before it was kept in lists: records keyed by complaint id. */
export interface ComplaintBookV1 {
  readonly open: Readonly<Record<string, Omit<OpenComplaint, 'complaintId'>>>;
  readonly recent: readonly RecentComplaint[];
  readonly resolvedAtMs: Readonly<Record<string, number>>;
}

export type StoredComplaintBook = ComplaintBook | ComplaintBookV1;

export const EMPTY_COMPLAINT_BOOK: ComplaintBook = { open: [], recent: [], resolved: [] };

/** The book in its current shape; a restored book of the first shape is converted once, on its first event or check. */
export function currentBook(book: StoredComplaintBook): ComplaintBook {
  if (!('resolvedAtMs' in book)) return book;
  return {
    open: Object.entries(book.open).map(([complaintId, complaint]) => ({ complaintId, ...complaint })),
    recent: book.recent,
    resolved: Object.entries(book.resolvedAtMs).map(([complaintId, atMs]) => ({ complaintId, atMs })),
  };
}

const rank = (severity: ComplaintSeverity) => complaintSeverities.indexOf(severity);

/** Bounds the state of a customer that complains without end. */
const MAX_RECENT = 200;
const MAX_OPEN = 200;
const MAX_RESOLVED = 200;

export function recordComplaintEvent(book: ComplaintBook, event: ComplaintEventV1, eventTimeMs: number): ComplaintBook {
  const id = event.complaintId;
  const category = event.category ?? null;
  const knownAt = book.open.findIndex((entry) => entry.complaintId === id);
  const known = knownAt < 0 ? undefined : book.open[knownAt];
  const seen = book.recent.find((entry) => entry.complaintId === id);
  const recent =
    seen === undefined
      ? withRecent(book.recent, { complaintId: id, category, openedAtMs: eventTimeMs, severity: event.severity, channel: event.channel })
      : seen.severity === undefined || rank(event.severity) <= rank(seen.severity)
        ? book.recent
        : book.recent.map((entry) => (entry === seen ? { ...entry, severity: event.severity } : entry));

  if (event.status === 'resolved') {
    const open = known === undefined ? book.open : book.open.filter((_, at) => at !== knownAt);
    const resolved = [...book.resolved.filter((entry) => entry.complaintId !== id), { complaintId: id, atMs: eventTimeMs }];
    return { open, recent, resolved: resolved.length > MAX_RESOLVED ? resolved.slice(resolved.length - MAX_RESOLVED) : resolved };
  }
  if (book.resolved.some((entry) => entry.complaintId === id)) return { ...book, recent };
  const updated: OpenComplaint = {
    complaintId: id,
    severity: event.severity,
    category: category ?? known?.category ?? null,
    openedAtMs: known?.openedAtMs ?? eventTimeMs,
    channel: event.channel,
  };
  if (known === undefined && book.open.length >= MAX_OPEN) return { ...book, recent };
  const open = known === undefined ? [...book.open, updated] : book.open.map((entry, at) => (at === knownAt ? updated : entry));
  return { open, recent, resolved: book.resolved };
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
  const resolvedLeft = book.resolved.some((entry) => entry.atMs <= windowStartMs);
  if (!recentLeft && !resolvedLeft) return book;
  return {
    open: book.open,
    recent: recentLeft ? book.recent.filter((entry) => entry.openedAtMs > windowStartMs) : book.recent,
    resolved: resolvedLeft ? book.resolved.filter((entry) => entry.atMs > windowStartMs) : book.resolved,
  };
}
