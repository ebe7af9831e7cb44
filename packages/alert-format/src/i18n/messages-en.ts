/**
 * The English catalogue: every text a person reads in an alert, as ICU MessageFormat. The keys
 * are the catalogue's contract: every other language has exactly these (a test checks it).
 */
export const messagesEn = {
  'customer.named': '{name} ({id})',
  headline: '{step} {kind} — {customer}',

  'step.opened': 'OPENED',
  'step.escalated': 'ESCALATED',
  'step.updated': 'UPDATED',
  'step.resolved': 'RESOLVED',
  'step.closed': 'CLOSED (contract ended)',

  'kind.usage_declining': 'usage declining',
  'kind.usage_stopped': 'usage stopped',
  'kind.renewal_upcoming': 'renewal upcoming',
  'kind.renewal_at_risk': 'renewal at risk',
  'kind.complaint_escalation': 'complaint escalation',
  'kind.purchase_lapse': 'purchase lapse',

  'severity.info': 'info',
  'severity.warning': 'warning',
  'severity.critical': 'critical',

  'basis.recurring_revenue': 'recurring revenue',
  'basis.contract_value': 'contract value',
  'basis.customer_lifetime_value': 'customer lifetime value',

  'stake.atRisk': 'at risk {amount} ({basis})',
  'stake.renewal': 'renewal {date}',
  'stake.renewalIn': 'renewal {date} ({days, plural, =0 {today} one {in # day} other {in # days}})',
  'stake.health': 'health {score}/100',
  'stake.segment': 'segment {segment}',
  'stake.owner': 'owner {name}',
  'stake.severity': 'severity {severity}',
  'stake.since': 'since {date}',
  'stake.alert': 'alert {id}',

  'summary.usageDecline': 'Usage fell {drop, number, percent} over {days, plural, one {# day} other {# days}} against its {weeks}-week baseline',
  'summary.usageSilence':
    'No usage for {days, plural, one {# day} other {# days}} (last on {lastDate}); {expected, number, ::.#} usage events would be usual by now',
  'summary.renewalUpcoming':
    'Renewal on {date}, {days, plural, =0 {today} one {in # day} other {in # days}}; auto-renew {autoRenew, select, true {on} other {off}}',
  'summary.renewalOverdue': 'Renewal on {date}, due {days, plural, one {# day} other {# days}} ago and not renewed yet',
  'summary.contractCancelled': 'Contract cancelled: ends on {date}, {days, plural, =0 {today} one {in # day} other {in # days}}',
  'summary.renewalRisk': 'Renewal on {date} {days, plural, =0 {today} one {in # day} other {in # days}} at risk: {reasons}',
  'summary.renewalRiskOverdue': 'Renewal on {date}, due {days, plural, one {# day} other {# days}} ago and not renewed, at risk: {reasons}',
  'summary.purchaseRhythm':
    'No purchase for {days, plural, one {# day} other {# days}} (last on {lastDate}); this customer usually buys every {rhythm, number, ::.#} days',
  'summary.purchaseModel':
    'No purchase for {days, plural, one {# day} other {# days}} (last on {lastDate}); the purchase model puts the chance that this customer still buys at {alive, number, percent}',
  'summary.withOpenComplaints': '{sentence}; {open, plural, one {# open complaint} other {# open complaints}}',
  'summary.complaints': '{reasons} ({open, plural, one {# open complaint} other {# open complaints}})',

  'reason.renewal.cancelled': 'contract cancelled',
  'reason.renewal.auto_renew_off': 'auto-renew off',
  'reason.renewal.manual_renewal': 'renews by order',
  'reason.renewal.manual_renewal_detractor': 'renews by order, NPS answer {nps}',
  'reason.renewal.poor_health': 'health {score}/100',
  'reason.renewal.usage_declining': 'usage declining',
  'reason.renewal.usage_stopped': 'usage stopped',
  'reason.renewal.complaints_escalated': 'complaints escalated ({open, plural, one {# open complaint} other {# open complaints}})',

  'reason.complaints.count': '{count, plural, one {# complaint} other {# complaints}} in {days, plural, one {# day} other {# days}}',
  'reason.complaints.countFrom':
    '{count, plural, one {# complaint} other {# complaints}} of {severity} severity or above in {days, plural, one {# day} other {# days}}',
  'reason.complaints.severity': 'a {severity}-severity complaint is open',
  'reason.complaints.unresolved': 'a complaint has been open for {days, plural, one {# day} other {# days}}',
  'reason.complaints.repeated': '{count} complaints about {category}',

  'complaintSeverity.low': 'low',
  'complaintSeverity.medium': 'medium',
  'complaintSeverity.high': 'high',
  'complaintSeverity.critical': 'critical',

  'resolved.usageResumed': 'All clear: usage resumed on {date}',
  'resolved.usageLevel': 'All clear: usage at {ratio, number, percent} of its usual level',
  'resolved.renewalSafe': 'All clear: renewal on {date} no longer at risk',
  'resolved.renewalSafeHealth': 'All clear: renewal on {date} no longer at risk (health {score}/100)',
  'resolved.noRenewal': 'All clear: no renewal pending',
  'resolved.renewalSettled':
    'Renewal settled: next renewal on {date}, {days, plural, =0 {today} one {in # day} other {in # days}}, auto-renew {autoRenew, select, true {on} other {off}}',
  'resolved.complaints':
    'All clear: {open, plural, one {# open complaint} other {# open complaints}}, {inWindow} in {days, plural, one {# day} other {# days}}',
  'resolved.purchaseRhythm':
    'All clear: last purchase {days, plural, =0 {today} one {# day ago} other {# days ago}}, usually every {rhythm, number, ::.#} days',
  'resolved.purchaseModel':
    'All clear: {alive, number, percent} likely still buying, last purchase {days, plural, =0 {today} one {# day ago} other {# days ago}}',
  'resolved.gone': 'All clear: the problem is gone',
  'resolved.contractEnded': 'Closed: the contract ended',
  'resolved.contractEndedOn': 'Closed: the contract ended on {date}',
  'resolved.customerLeft': 'Closed, not resolved: the contract ended; the customer has left',
  'resolved.customerLeftOn': 'Closed, not resolved: the contract ended on {date}; the customer has left',
  'resolved.byHand': 'Resolved by hand by {by}; looked at again after the cooldown if the problem is still there',
  'resolved.byHandUnknown': 'Resolved by hand; looked at again after the cooldown if the problem is still there',
} as const;

export type MessageId = keyof typeof messagesEn;
