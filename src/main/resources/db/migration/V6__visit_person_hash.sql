-- A 64-bit key of the person of a visit (normalised phone, else ID number, else the visit itself), so reports
-- count distinct visitors over numbers instead of strings. Set on insert; older rows are filled at start-up.
alter table visit add column person_hash bigint;
