-- The longest closed stay seen at each site, so a tracing search can bound the arrival times it scans:
-- a closed visit overlapping [from, to) arrived after from - max_stay_seconds. Raised on every checkout;
-- filled for existing visits by SiteStayBackfill at start-up.
alter table site add column max_stay_seconds bigint default 0 not null;
