import type { ComplaintEventV1 } from '@churnwatch/contracts';

/**
 * The latency benchmark's input: complaints at a fixed rate. Background complaints are low
 * severity (opened, later resolved) for a pool of customers: they change the complaints factor,
 * so signals and health updates flow through both services, but they never escalate. Each
 * trigger is a customer seen nowhere else with a poor record, one complaint left unresolved for
 * three weeks (`priorComplaint`), and then a critical complaint: on that record the complaint
 * monitor escalates at once and the risk scorer opens a complaint_escalation alert.
 */
export function backgroundComplaint(i: number, poolSize: number, nowMs: number): ComplaintEventV1 {
  const customer = i % poolSize;
  const ticket = Math.floor(i / 2);
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

/** How long the trigger customer's earlier complaint has stood unresolved: past `unresolvedDays` (14), so it is judged. */
const priorAgeMs = 21 * 86_400_000;

/** The trigger customer's record: one complaint opened three weeks ago and never resolved. */
export function priorComplaint(run: string, n: number, nowMs: number): ComplaintEventV1 {
  return {
    schemaVersion: 1,
    eventId: `prior-${run}-${n}`,
    customerId: `trigger-${run}-${n}`,
    complaintId: `PR-${n}`,
    eventTime: new Date(nowMs - priorAgeMs).toISOString(),
    status: 'opened',
    severity: 'medium',
    channel: 'email',
    category: 'billing',
  };
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
