-- Access that ends when it should (SQL that H2 2.x and PostgreSQL 15 both accept).

-- A staff account's token version: raised when the account is deactivated or its password, roles or sites
-- change. A login session remembers the version it was opened under; a session of an older version is refused.
alter table app_user add column token_version integer default 0 not null;

-- One row per login: the token's sid claim. Logout ends it; tokens are checked against it on every instance.
create table staff_session (
    id           uuid primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    user_version integer     not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null,
    ended_at     timestamp(6) with time zone,
    end_reason   varchar(20)
);

create index ix_staff_session_user on staff_session (user_id);
create index ix_staff_session_expires on staff_session (expires_at);

-- An entrance screen enrolled for one site: its token fetches that site's kiosk codes until it is revoked.
create table kiosk_device (
    id           uuid primary key,
    site_id      uuid         not null references site (id),
    name         varchar(80)  not null,
    created_by   varchar(64)  not null,
    created_at   timestamp(6) with time zone not null,
    revoked_at   timestamp(6) with time zone,
    revoked_by   varchar(64),
    last_seen_at timestamp(6) with time zone
);

create index ix_kiosk_device_site on kiosk_device (site_id, created_at);

-- Attempts counted in fixed windows (logins per username and per address, check-ins per address and per phone),
-- shared by every instance. The key is an HMAC of what is counted: no username, address or phone is stored.
create table throttle_counter (
    key_hash   varchar(64) primary key,
    window_end timestamp(6) with time zone not null,
    hits       integer     not null
);

create index ix_throttle_counter_window_end on throttle_counter (window_end);
