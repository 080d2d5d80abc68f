-- Core schema: sites, staff accounts, visits with their health declaration, tracing queries.
-- Written in the SQL that H2 2.x and PostgreSQL 15 both accept.

create table site (
    id                   uuid primary key,
    code                 varchar(40)  not null,
    name                 varchar(200) not null,
    address              varchar(500),
    organization         varchar(200),
    time_zone            varchar(64)  not null,
    default_stay_minutes integer      not null,
    qr_version           integer      not null,
    active               boolean      not null,
    created_at           timestamp(6) with time zone not null,
    updated_at           timestamp(6) with time zone not null,
    constraint uk_site_code unique (code)
);

create table app_user (
    id            uuid primary key,
    username      varchar(64)  not null,
    password_hash varchar(100) not null,
    display_name  varchar(200),
    active        boolean      not null,
    created_at    timestamp(6) with time zone not null,
    constraint uk_app_user_username unique (username)
);

create table app_user_role (
    user_id uuid        not null references app_user (id) on delete cascade,
    role    varchar(20) not null,
    primary key (user_id, role)
);

create table app_user_site (
    user_id uuid not null references app_user (id) on delete cascade,
    site_id uuid not null references site (id),
    primary key (user_id, site_id)
);

create table visit (
    id                    uuid primary key,
    site_id               uuid         not null references site (id),
    full_name             varchar(200) not null,
    phone                 varchar(20),
    id_number             varchar(12),
    year_of_birth         integer,
    address               varchar(500),
    organization          varchar(200),
    purpose               varchar(500),
    host_name             varchar(200),
    temperature_c         numeric(4, 1),
    symptoms              varchar(200),
    close_contact         boolean      not null,
    outbreak_area         boolean      not null,
    outbreak_area_details varchar(500),
    vaccine_doses         integer,
    flag_fever            boolean      not null,
    flag_symptoms         boolean      not null,
    flag_close_contact    boolean      not null,
    flag_outbreak_area    boolean      not null,
    flagged               boolean      not null,
    consent_at            timestamp(6) with time zone not null,
    checked_in_at         timestamp(6) with time zone not null,
    checked_out_at        timestamp(6) with time zone,
    checkout_source       varchar(10),
    entry_source          varchar(10)  not null,
    qr_version            integer,
    entered_by            varchar(64),
    checked_out_by        varchar(64),
    idempotency_key       varchar(100),
    request_hash          varchar(64),
    constraint uk_visit_idempotency_key unique (idempotency_key)
);

-- Day log and tracing: visits of one site by arrival time.
create index ix_visit_site_checked_in on visit (site_id, checked_in_at);
-- Open visits of a site (occupancy, auto-checkout).
create index ix_visit_site_checked_out on visit (site_id, checked_out_at);
-- A person's visits, by either identity.
create index ix_visit_phone on visit (phone, checked_in_at);
create index ix_visit_id_number on visit (id_number, checked_in_at);

create table tracing_query (
    id                  uuid primary key,
    created_at          timestamp(6) with time zone not null,
    created_by          varchar(64)  not null,
    reason              varchar(500) not null,
    case_phone          varchar(20),
    case_id_number      varchar(12),
    case_visit_id       uuid,
    window_from         timestamp(6) with time zone not null,
    window_to           timestamp(6) with time zone not null,
    min_overlap_minutes integer      not null,
    buffer_minutes      integer      not null,
    depth               integer      not null
);

-- One row per case visit (kind CASE) or contact (kind F1/F2) of a stored query.
create table tracing_row (
    id               uuid primary key,
    query_id         uuid        not null references tracing_query (id) on delete cascade,
    row_no           integer     not null,
    kind             varchar(4)  not null,
    visit_id         uuid        not null references visit (id) on delete cascade,
    via_visit_id     uuid,
    matched_visit_id uuid,
    overlap_start    timestamp(6) with time zone,
    overlap_end      timestamp(6) with time zone,
    overlap_seconds  bigint,
    encounters       integer
);

create index ix_tracing_row_query on tracing_row (query_id, row_no);
create index ix_tracing_row_visit on tracing_row (visit_id);
