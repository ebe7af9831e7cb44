import type { ComplaintEventV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at, complaint } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { SignalV1 } from '../signals/signal-contract.ts';
import { type ComplaintBook, type ComplaintBookV1, currentBook, EMPTY_COMPLAINT_BOOK, recordComplaintEvent } from './complaint-book.ts';
import { type ComplaintMonitorState, createComplaintMonitor } from './complaint-monitor.ts';

const eventOf = (record: ReturnType<typeof complaint>) => record.value as ComplaintEventV1;

function bookOf(records: readonly ReturnType<typeof complaint>[]): ComplaintBook {
  return records.reduce((book, record) => recordComplaintEvent(book, eventOf(record), record.eventTimeMs), EMPTY_COMPLAINT_BOOK);
}

/** The book as the monitor wrote it before it kept lists: records keyed by complaint id. */
function asFirstShape(book: ComplaintBook): ComplaintBookV1 {
  return {
    open: Object.fromEntries(book.open.map(({ complaintId, ...complaint }) => [complaintId, complaint])),
    recent: book.recent,
    resolvedAtMs: Object.fromEntries(book.resolved.map((entry) => [entry.complaintId, entry.atMs])),
  };
}

const history = [
  complaint('acme', at('2026-03-02', 9), 'c1', 'opened', 'medium', 'billing'),
  complaint('acme', at('2026-03-03', 9), 'c2', 'opened', 'low', 'exports'),
  complaint('acme', at('2026-03-04', 9), 'c3', 'opened', 'medium', 'billing'),
  complaint('acme', at('2026-03-05', 9), 'c2', 'resolved', 'low', 'exports'),
  complaint('acme', at('2026-03-06', 9), 'c1', 'opened', 'high', 'billing'),
];

describe('complaint book', () => {
  it('keeps open complaints in the order they were opened, an update in its place, a resolution out of them', () => {
    const book = bookOf(history);
    expect(book.open.map((entry) => [entry.complaintId, entry.severity, entry.openedAtMs])).toEqual([
      ['c1', 'high', at('2026-03-02', 9)],
      ['c3', 'medium', at('2026-03-04', 9)],
    ]);
    expect(book.resolved).toEqual([{ complaintId: 'c2', atMs: at('2026-03-05', 9) }]);
    expect(book.recent.map((entry) => [entry.complaintId, entry.severity])).toEqual([
      ['c1', 'high'],
      ['c2', 'low'],
      ['c3', 'medium'],
    ]);
  });

  it('does not reopen a resolved complaint on a late "opened", and resolves it again at the later time', () => {
    const late = complaint('acme', at('2026-03-07', 9), 'c2', 'opened', 'low', 'exports');
    const again = complaint('acme', at('2026-03-08', 9), 'c2', 'resolved', 'low', 'exports');
    const book = bookOf([...history, late, again]);
    expect(book.open.map((entry) => entry.complaintId)).toEqual(['c1', 'c3']);
    expect(book.resolved).toEqual([{ complaintId: 'c2', atMs: at('2026-03-08', 9) }]);
  });

  it('keeps the latest 200 of each list for a customer that complains without end', () => {
    const storm = Array.from({ length: 250 }, (_, n) => [
      complaint('acme', at('2026-03-02', 9) + n * 60_000, `s${n}`, 'opened', 'low', 'billing'),
      complaint('acme', at('2026-03-02', 9) + n * 60_000 + 1, `s${n}`, 'resolved', 'low', 'billing'),
    ]).flat();
    const book = bookOf(storm);
    expect(book.open).toEqual([]);
    expect(book.recent).toHaveLength(200);
    expect(book.resolved).toHaveLength(200);
    expect(book.resolved[0]!.complaintId).toBe('s50');
    expect(book.resolved.at(-1)!.complaintId).toBe('s249');
  });

  it('reads a book of the first shape (records keyed by id) as the same book', () => {
    const book = bookOf(history);
    expect(currentBook(asFirstShape(book))).toEqual(book);
    expect(currentBook(book)).toBe(book);
  });

  it('answers the same from state restored in the first shape as from the current one', () => {
    const config = parseDetectionConfig({ defaults: { complaints: { minTrackRecord: 0 } } });
    const driver = createDriver([createComplaintMonitor(config)]);
    for (const record of history) driver.send(record);
    const state = driver.stateOf<ComplaintMonitorState>('complaint-monitor', 'acme')!;
    const restored: ComplaintMonitorState = { ...state, book: asFirstShape(currentBook(state.book)) };
    const next = complaint('acme', at('2026-03-20', 9), 'c4', 'opened', 'medium', 'billing');
    const input = { key: 'acme', input: 'complaints', value: eventOf(next), eventTimeMs: next.eventTimeMs, streamTimeMs: next.eventTimeMs };
    const monitor = createComplaintMonitor(config);
    const fromCurrent = monitor.process(state, input);
    const fromRestored = monitor.process(restored, input);
    // c1, c3 and c4 open, c2 resolved: read from the book, whichever its shape.
    expect(fromCurrent.outputs?.map((output) => (output.value as SignalV1).detail)).toEqual(['3 open complaints, 4 in 30 days']);
    expect(fromRestored).toEqual(fromCurrent);
  });
});
