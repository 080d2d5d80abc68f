-- Declaration answers may be erased before the visit itself (checkin.declaration-retention-days);
-- the risk flags stay for the reports, the answers (temperature, symptoms, details) go.
alter table visit add column declaration_erased_at timestamp(6) with time zone;

-- Retention and auto-checkout scan by arrival time across all sites.
create index ix_visit_checked_in on visit (checked_in_at);
