import type { MessageId } from './messages-en.ts';

/** The German catalogue (Sie-neutral, as CS teams write to each other); the same keys as the English one. */
export const messagesDe = {
  'customer.named': '{name} ({id})',
  headline: '{step} {kind} — {customer}',

  'step.opened': 'NEU',
  'step.escalated': 'ESKALIERT',
  'step.updated': 'AKTUALISIERT',
  'step.resolved': 'ENTWARNUNG',
  'step.closed': 'GESCHLOSSEN (Vertrag beendet)',

  'kind.usage_declining': 'Nutzung rückläufig',
  'kind.usage_stopped': 'Nutzung eingestellt',
  'kind.renewal_upcoming': 'Verlängerung steht an',
  'kind.renewal_at_risk': 'Verlängerung gefährdet',
  'kind.complaint_escalation': 'Beschwerden eskaliert',
  'kind.purchase_lapse': 'Käufe ausgeblieben',

  'severity.info': 'Info',
  'severity.warning': 'Warnung',
  'severity.critical': 'kritisch',

  'basis.recurring_revenue': 'wiederkehrender Umsatz',
  'basis.contract_value': 'Vertragswert',
  'basis.customer_lifetime_value': 'Kundenwert',

  'stake.atRisk': 'gefährdet {amount} ({basis})',
  'stake.renewal': 'Verlängerung {date}',
  'stake.renewalIn': 'Verlängerung {date} ({days, plural, =0 {heute} one {in # Tag} other {in # Tagen}})',
  'stake.health': 'Gesundheit {score}/100',
  'stake.segment': 'Segment {segment}',
  'stake.owner': 'Betreuung {name}',
  'stake.severity': 'Schwere {severity}',
  'stake.since': 'seit {date}',
  'stake.alert': 'Alarm {id}',

  'summary.usageDecline': 'Nutzung in {days, plural, one {# Tag} other {# Tagen}} um {drop, number, percent} gesunken, gemessen an den {weeks} Wochen davor',
  'summary.usageSilence':
    'Seit {days, plural, one {# Tag} other {# Tagen}} keine Nutzung (zuletzt am {lastDate}); üblich wären bis jetzt {expected, number, ::.#} Nutzungsereignisse',
  'summary.renewalUpcoming':
    'Verlängerung am {date}, {days, plural, =0 {heute} one {in # Tag} other {in # Tagen}}; automatische Verlängerung {autoRenew, select, true {an} other {aus}}',
  'summary.renewalOverdue': 'Verlängerung am {date}, seit {days, plural, one {# Tag} other {# Tagen}} fällig und noch nicht verlängert',
  'summary.contractCancelled': 'Vertrag gekündigt: endet am {date}, {days, plural, =0 {heute} one {in # Tag} other {in # Tagen}}',
  'summary.renewalRisk': 'Verlängerung am {date} {days, plural, =0 {heute} one {in # Tag} other {in # Tagen}} gefährdet: {reasons}',
  'summary.renewalRiskOverdue': 'Verlängerung am {date}, seit {days, plural, one {# Tag} other {# Tagen}} fällig und nicht verlängert, gefährdet: {reasons}',
  'summary.purchaseRhythm':
    'Seit {days, plural, one {# Tag} other {# Tagen}} kein Kauf (zuletzt am {lastDate}); üblich ist ein Kauf alle {rhythm, number, ::.#} Tage',
  'summary.purchaseModel':
    'Seit {days, plural, one {# Tag} other {# Tagen}} kein Kauf (zuletzt am {lastDate}); laut Kaufmodell kauft dieser Kunde nur noch mit {alive, number, percent} Wahrscheinlichkeit',
  'summary.withOpenComplaints': '{sentence}; {open, plural, one {# offene Beschwerde} other {# offene Beschwerden}}',
  'summary.complaints': '{reasons} ({open, plural, one {# offene Beschwerde} other {# offene Beschwerden}})',

  'reason.renewal.cancelled': 'Vertrag gekündigt',
  'reason.renewal.auto_renew_off': 'automatische Verlängerung aus',
  'reason.renewal.manual_renewal': 'Verlängerung per Bestellung',
  'reason.renewal.manual_renewal_detractor': 'Verlängerung per Bestellung, NPS-Antwort {nps}',
  'reason.renewal.poor_health': 'Gesundheit {score}/100',
  'reason.renewal.usage_declining': 'Nutzung rückläufig',
  'reason.renewal.usage_stopped': 'Nutzung eingestellt',
  'reason.renewal.complaints_escalated': 'Beschwerden eskaliert ({open, plural, one {# offene Beschwerde} other {# offene Beschwerden}})',

  'reason.complaints.count': '{count, plural, one {# Beschwerde} other {# Beschwerden}} in {days, plural, one {# Tag} other {# Tagen}}',
  'reason.complaints.countFrom':
    '{count, plural, one {# Beschwerde} other {# Beschwerden}} mit Schweregrad {severity} oder höher in {days, plural, one {# Tag} other {# Tagen}}',
  'reason.complaints.severity': 'eine Beschwerde mit Schweregrad {severity} ist offen',
  'reason.complaints.unresolved': 'eine Beschwerde ist seit {days, plural, one {# Tag} other {# Tagen}} offen',
  'reason.complaints.repeated': '{count} Beschwerden zum Thema {category}',

  'complaintSeverity.low': 'niedrig',
  'complaintSeverity.medium': 'mittel',
  'complaintSeverity.high': 'hoch',
  'complaintSeverity.critical': 'kritisch',

  'resolved.usageResumed': 'Entwarnung: Nutzung seit {date} wieder aufgenommen',
  'resolved.usageLevel': 'Entwarnung: Nutzung bei {ratio, number, percent} des üblichen Niveaus',
  'resolved.renewalSafe': 'Entwarnung: Verlängerung am {date} nicht mehr gefährdet',
  'resolved.renewalSafeHealth': 'Entwarnung: Verlängerung am {date} nicht mehr gefährdet (Gesundheit {score}/100)',
  'resolved.noRenewal': 'Entwarnung: keine Verlängerung offen',
  'resolved.renewalSettled':
    'Verlängerung erledigt: nächste Verlängerung am {date}, {days, plural, =0 {heute} one {in # Tag} other {in # Tagen}}, automatische Verlängerung {autoRenew, select, true {an} other {aus}}',
  'resolved.complaints':
    'Entwarnung: {open, plural, one {# offene Beschwerde} other {# offene Beschwerden}}, {inWindow} in {days, plural, one {# Tag} other {# Tagen}}',
  'resolved.purchaseRhythm': 'Entwarnung: letzter Kauf {days, plural, =0 {heute} one {vor # Tag} other {vor # Tagen}}, üblich alle {rhythm, number, ::.#} Tage',
  'resolved.purchaseModel':
    'Entwarnung: kauft mit {alive, number, percent} Wahrscheinlichkeit weiter, letzter Kauf {days, plural, =0 {heute} one {vor # Tag} other {vor # Tagen}}',
  'resolved.gone': 'Entwarnung: das Problem besteht nicht mehr',
  'resolved.contractEnded': 'Geschlossen: der Vertrag ist beendet',
  'resolved.contractEndedOn': 'Geschlossen: der Vertrag endete am {date}',
  'resolved.customerLeft': 'Geschlossen, nicht gelöst: der Vertrag ist beendet; der Kunde ist gegangen',
  'resolved.customerLeftOn': 'Geschlossen, nicht gelöst: der Vertrag endete am {date}; der Kunde ist gegangen',
  'resolved.byHand': 'Von Hand erledigt durch {by}; nach der Abklingzeit wird erneut geprüft, ob das Problem noch besteht',
  'resolved.byHandUnknown': 'Von Hand erledigt; nach der Abklingzeit wird erneut geprüft, ob das Problem noch besteht',
} as const satisfies Record<MessageId, string>;
