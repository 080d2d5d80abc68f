-- Daily summaries, produced after each day ends, one per organization and day, kept like the audit trail
-- (counts only, no personal data).
create table daily_report (
    id              uuid primary key,
    organization    varchar(200) not null,
    report_day      date         not null,
    generated_at    timestamp(6) with time zone not null,
    check_ins       bigint       not null,
    unique_visitors bigint       not null,
    flagged         bigint       not null,
    auto_closed     bigint       not null,
    silent_sites    integer      not null,
    constraint uk_daily_report unique (organization, report_day)
);

create table daily_report_site (
    report_id       uuid         not null references daily_report (id) on delete cascade,
    site_id         uuid         not null,
    site_name       varchar(200) not null,
    check_ins       bigint       not null,
    unique_visitors bigint       not null,
    flagged         bigint       not null,
    fever           bigint       not null,
    symptoms        bigint       not null,
    close_contact   bigint       not null,
    outbreak_area   bigint       not null,
    auto_closed     bigint       not null,
    open_now        bigint       not null,
    silent          boolean      not null,
    primary key (report_id, site_id)
);
