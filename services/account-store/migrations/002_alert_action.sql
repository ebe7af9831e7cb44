-- Every action a person or tool took on an alert (from churnwatch.control), once per control event:
-- what, who, when and where. The account page shows them as the alert's history, also for actions
-- (acknowledge, assign, snooze) that do not make the risk scorer write a new alert step.
create table alert_action (
  event_id      text primary key,
  customer_id   text not null,
  kind          text not null,
  -- null when the action named the kind only (it then applies to the kind's open alert)
  alert_id      text,
  action        text not null,
  requested_by  text,
  source        text,
  event_time    timestamptz not null,
  until         timestamptz,
  assignee      text,
  reason        text
);
create index alert_action_customer on alert_action (customer_id, event_time);
