-- The summary of a period reads one row per site and ended local day instead of the day's visits: the day's
-- counts and its distinct persons (their 64-bit keys, sorted, 8 bytes each), stored by the first report that
-- read the day from its visits.
-- A row counts only when it is not stale and its site_version equals its site's report_version:
--  * a change to one ended day (an automatic checkout, a second check-in closing an earlier stay) marks that
--    row stale and raises its version, inserting a stale row when there is none, in the changing transaction;
--    a report stores its figures only over the version it read before reading the visits, so figures read
--    before such a change are never stored over it;
--  * a change to all of a site's days (a new time zone) raises the site's report_version.
alter table site add column report_version bigint default 0 not null;

create table report_site_day (
    site_id       uuid    not null references site (id),
    local_day     date    not null,
    site_version  bigint  not null,
    version       bigint  not null,
    stale         boolean not null,
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
