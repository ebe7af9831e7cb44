import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePurchaseModelParameters } from '@churnwatch/purchase-models';
import { describe, expect, it } from 'vitest';
import { createFitCommand } from './fit.ts';

const directory = mkdtempSync(join(tmpdir(), 'churnwatch-fit-'));

/** 40 customers with varied rhythms and spends, first purchases in early January 2026. */
function purchaseEvents(): string[] {
  const lines: string[] = [];
  for (let customer = 0; customer < 40; customer += 1) {
    const start = Date.UTC(2026, 0, 1 + (customer % 10), 9);
    const gapDays = 4 + (customer % 9) * 3;
    const purchases = 1 + (customer % 6);
    // Every third customer also buys in the holdout (April to June).
    const times = Array.from({ length: purchases }, (_, index) => start + index * gapDays * 86_400_000);
    if (customer % 3 === 0) times.push(Date.UTC(2026, 3, 10 + (customer % 20), 12));
    times.forEach((time, index) => {
      lines.push(
        JSON.stringify({
          kind: 'purchase',
          schemaVersion: 1,
          eventId: `c${customer}-p${index}`,
          customerId: `customer-${customer}`,
          eventTime: new Date(time).toISOString(),
          orderId: `o-${customer}-${index}`,
          amount: { amount: (8 + ((customer * 13 + index * 7) % 40) + customer / 4).toFixed(2), currency: 'EUR' },
        }),
      );
    });
  }
  return lines;
}

function runFit(args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  const command = createFitCommand({ out: (text) => (out += text), err: (text) => (err += text) });
  return command.run(args).then((code) => ({ code, out, err }));
}

describe('./churnwatch fit', () => {
  it('fits purchase events, reports the fit and the holdout AUC, and writes a valid parameters file', async () => {
    const lines = purchaseEvents();
    const usage = JSON.stringify({ kind: 'usage', schemaVersion: 1, customerId: 'customer-1' });
    const file = join(directory, 'events.jsonl');
    writeFileSync(file, [lines[0], usage, ...lines, ''].join('\n'));
    const out = join(directory, 'models', 'fitted.json'); // a folder that does not exist yet
    const result = await runFit([file, '--calibration-end', '2026-03-31', '--unit', 'days', '--holdout-end', '2026-06-30', '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`read ${lines.length} purchases`);
    expect(result.out).toContain('2 lines skipped');
    expect(result.out).toMatch(/BG\/NBD\n {2}r [\d.]+ {2}alpha [\d.]+ \(days\)/);
    expect(result.out).toMatch(/AUC of P\(no purchase in the holdout\) for "no purchase": [01]\.\d{4}/);
    // Each customer buys at a fixed gap: its gaps do not vary at all.
    expect(result.out).toMatch(
      /Gaps between purchase days \(\d+ customers with 5 or more purchase days\)\n {2}coefficient of variation p10 0\.00 .* median 0\.00 .* p90 0\.00\n {2}share below 0\.5: 1\.000/,
    );
    const parameters = parsePurchaseModelParameters(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(parameters).toMatchObject({ unit: 'days', calibrationEnd: '2026-03-31', customers: 40, fittedOn: 'events.jsonl (purchase-events)' });
    // The spend model sees the customers with a second purchase day by the calibration end.
    const days = new Map<string, Set<string>>();
    for (const line of lines) {
      const event = JSON.parse(line) as { customerId: string; eventTime: string };
      const day = event.eventTime.slice(0, 10);
      if (day <= '2026-03-31') days.set(event.customerId, (days.get(event.customerId) ?? new Set()).add(day));
    }
    expect(parameters.gammaGamma).toMatchObject({ currency: 'EUR', customers: [...days.values()].filter((set) => set.size > 1).length });
  });

  it('names the file and line of a bad record and exits 1', async () => {
    const file = join(directory, 'broken.jsonl');
    const [first, second] = purchaseEvents();
    writeFileSync(file, [first, second, '{"kind":"purchase","schemaVersion":1}'].join('\n'));
    const result = await runFit([file, '--calibration-end', '2026-03-31', '--out', join(directory, 'unused.json')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^fit: broken\.jsonl:3: not a purchase event: /);
  });

  it('names an output path it cannot write and exits 1', async () => {
    const file = join(directory, 'good.jsonl');
    writeFileSync(file, purchaseEvents().join('\n'));
    const out = join(file, 'models.json');
    const result = await runFit([file, '--calibration-end', '2026-03-31', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`fit: cannot write ${out}: `);
  });

  it('reads the CDNOW master layout with its CRLF lines and header', async () => {
    const file = join(directory, 'master.txt');
    const rows = [' customer_id  date number_of_cds  dollar_value'];
    for (let customer = 1; customer <= 30; customer += 1) {
      for (let purchase = 0; purchase <= customer % 5; purchase += 1) {
        rows.push(
          ` ${String(customer).padStart(5, '0')} 199701${String(1 + purchase * 6 + (customer % 4)).padStart(2, '0')}  1   ${(9 + ((customer * 7 + purchase * 5) % 23)).toFixed(2)}`,
        );
      }
    }
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const out = join(directory, 'master.json');
    const result = await runFit([file, '--calibration-end', '1997-02-28', '--out', out]);
    expect(result.err).toBe('');
    expect(result.out).toContain('(cdnow-master)');
    expect(parsePurchaseModelParameters(JSON.parse(readFileSync(out, 'utf8')), out)).toMatchObject({
      unit: 'weeks',
      customers: 30,
      gammaGamma: { currency: 'USD' },
    });
  });

  it('documents its options and rejects a call without a calibration end', async () => {
    const help = await runFit(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--calibration-end', '--holdout-end', '--unit', '--format', '--out']) expect(help.out).toContain(option);
    const missing = await runFit([join(directory, 'events.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--calibration-end must be a date YYYY-MM-DD (got nothing)');
    const badUnit = await runFit([join(directory, 'events.jsonl'), '--calibration-end', '2026-03-31', '--unit', 'months']);
    expect(badUnit.err).toContain('--unit must be one of days, weeks');
  });
});
