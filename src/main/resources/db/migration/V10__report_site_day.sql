-- The summary of a period reads one row per site and ended local day instead of the day's visits: the day's
-- counts and its distinct persons (their 64-bit keys, sorted, 8 bytes each). A row counts only while its version
-- equals its site's report_version: whatever changes an ended day's visits (an automatic checkout, a purge, the
-- person keys being filled in, a new time zone) raises that version in the same transaction, so a row computed
-- from the visits before the change is recomputed, never read.
alter table site add column report_version bigint default 0 not null;

create table report_site_day (
    site_id       uuid    not null references site (id),
    local_day     date    not null,
    version       bigint  not null,
    check_ins     integer not null,
    flagged       integer not null,
    fever         integer not null,
    symptoms      integer not null,
    close_contact integer not null,
    outbreak_area integer not null,
    auto_closed   integer not null,
    persons       bytea   not null,
    primary key (site_id, local_day)
);
