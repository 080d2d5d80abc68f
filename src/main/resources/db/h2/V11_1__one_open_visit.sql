-- H2 has no partial indexes: the open visit's phone and ID number are generated columns, null once the visit is
-- closed, under unique indexes (several nulls are allowed). A second open visit of the same normalised phone or ID
-- number at a site is refused (23505) whichever path stores it; the service then runs the losing check-in again,
-- which now sees the earlier stay and closes it.
alter table visit add column open_phone varchar(20)
    generated always as (case when checked_out_at is null then phone end);
alter table visit add column open_id_number varchar(12)
    generated always as (case when checked_out_at is null then id_number end);
create unique index ux_visit_open_phone on visit (site_id, open_phone);
create unique index ux_visit_open_id_number on visit (site_id, open_id_number);

-- The length of a closed stay, in whole seconds rounded up (H2 counts whole milliseconds), kept by the database
-- itself: a tracing search bounds the arrivals it scans by the site's longest stay (one index probe), which no
-- path that closes a visit, nor a visit loaded straight into the table, can forget to record. It replaces
-- site.max_stay_seconds.
alter table visit add column stay_seconds bigint
    generated always as ((datediff(millisecond, checked_in_at, checked_out_at) + 999) / 1000);
create index ix_visit_site_stay on visit (site_id, stay_seconds);
alter table site drop column max_stay_seconds;
