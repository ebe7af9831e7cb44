-- Runs once, when the compose PostgreSQL starts on an empty volume. The account store creates its
-- tables itself (migrations at start-up); Grafana reads them through a role that can only select.
create role grafana_reader login password 'grafana_reader';
grant connect on database churnwatch to grafana_reader;
grant usage on schema public to grafana_reader;
alter default privileges for role postgres in schema public grant select on tables to grafana_reader;
