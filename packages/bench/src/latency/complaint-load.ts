import type { ComplaintEventV1 } from '@churnwatch/contracts';

/**
 * The latency benchmark's input: complaints at a fixed rate. Background complaints are low
 * severity (opened, later resolved) for a pool of customers: they change the complaints factor,
 * so signals and health updates flow through both services, but they never escalate. Each
 * trigger is a customer seen nowhere else with a poor record, four complaints never resolved
 * (`priorComplaints`), and then a critical complaint: on that record the complaint monitor
 * escalates at once and the risk scorer opens a complaint_escalation alert.
 */
export function backgroundComplaint(i: number, poolSize: number, nowMs: number): ComplaintEventV1 {
  // Each ticket's "opened" and "resolved" go to the same customer: the customer's open complaints stay at one at most.
  const ticket = Math.floor(i / 2);
  const customer = ticket % poolSize;
  return {
    schemaVersion: 1,
    eventId: `bg-${i}`,
    customerId: `bg-cust-${customer}`,
    complaintId: `BG-${ticket}`,
    eventTime: new Date(nowMs).toISOString(),
    status: i % 2 === 0 ? 'opened' : 'resolved',
    severity: 'low',
    channel: 'email',
    category: 'billing',
  };
}

/**
 * The trigger customer's record: four medium complaints opened 40, 50, 60 and 70 days ago and never
 * resolved. Four is the smallest record the complaint monitor judges (`minTrackRecord`); all are
 * older than `unresolvedDays` (14), so judged unresolved, and older than `windowDays` (30), so
 * none stands on its own. Ten days apart, at most two were ever standing at once, below
 * `countThreshold` (3), so the record opens no alert before the trigger does.
 */
const priorAgesDays = [70, 60, 50, 40];

export function priorComplaints(run: string, n: number, nowMs: number): ComplaintEventV1[] {
  return priorAgesDays.map((ageDays, i) => ({
    schemaVersion: 1,
    eventId: `prior-${run}-${n}-${i}`,
    customerId: `trigger-${run}-${n}`,
    complaintId: `PR-${n}-${i}`,
    eventTime: new Date(nowMs - ageDays * 86_400_000).toISOString(),
    status: 'opened',
    severity: 'medium',
    channel: 'email',
    category: 'billing',
  }));
}

export function triggerComplaint(run: string, n: number, nowMs: number): ComplaintEventV1 {
  return {
    schemaVersion: 1,
    eventId: `trigger-${run}-${n}`,
    customerId: `trigger-${run}-${n}`,
    complaintId: `TR-${n}`,
    eventTime: new Date(nowMs).toISOString(),
    status: 'opened',
    severity: 'critical',
    channel: 'phone',
    category: 'outage',
  };
}
