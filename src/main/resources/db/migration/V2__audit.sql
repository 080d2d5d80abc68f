-- Who looked at or exported personal data, and who changed what. Entries are never deleted by retention.
create table audit_entry (
    id     uuid primary key,
    at     timestamp(6) with time zone not null,
    actor  varchar(64)   not null,
    action varchar(40)   not null,
    target varchar(200),
    detail varchar(2000)
);

create index ix_audit_entry_at on audit_entry (at);
create index ix_audit_entry_actor_at on audit_entry (actor, at);
