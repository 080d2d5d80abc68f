-- A change to the visits of an ended day marks that day's stored report figures stale (V10), whoever makes it:
-- the service (an automatic checkout, the next arrival closing a stay), a retention purge, or rows loaded or
-- edited straight in the table. Until now each path of the service had to remember it and a README line asked
-- everyone else to raise site.report_version by hand.
--
-- A day is stored only once it ended at least an hour ago (SiteDays), so a row whose arrival is less than half an
-- hour old cannot belong to a stored day: the WHEN clauses let live check-ins and checkouts through without
-- calling the function, and the function skips days that ended less than half an hour ago. Only what the figures
-- count is watched: arrival, site, person, flags and whether the checkout was automatic.
create function mark_report_day_stale(p_site uuid, p_arrival timestamp with time zone) returns void
language plpgsql as $$
declare
    v_zone varchar(64);
    v_day  date;
begin
    select s.time_zone into v_zone from site s where s.id = p_site;
    if v_zone is null then
        return;
    end if;
    v_day := (p_arrival at time zone v_zone)::date;
    if v_day >= ((now() - interval '30 minutes') at time zone v_zone)::date then
        return;
    end if;
    insert into report_site_day (site_id, local_day, site_version, version, stale, check_ins, flagged, fever,
                                 symptoms, close_contact, outbreak_area, auto_closed, persons)
    values (p_site, v_day, 0, 1, true, 0, 0, 0, 0, 0, 0, 0, decode('', 'hex'))
    on conflict (site_id, local_day) do update
        set version = report_site_day.version + 1, stale = true, persons = decode('', 'hex');
end $$;

create function visit_report_day_changed() returns trigger
language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform mark_report_day_stale(old.site_id, old.checked_in_at);
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE'
            and (new.site_id <> old.site_id or new.checked_in_at <> old.checked_in_at)) then
        perform mark_report_day_stale(new.site_id, new.checked_in_at);
    end if;
    return null;
end $$;

create trigger visit_report_day_insert after insert on visit for each row
    when (new.checked_in_at < now() - interval '30 minutes')
    execute function visit_report_day_changed();

create trigger visit_report_day_update after update on visit for each row
    when ((old.checked_in_at < now() - interval '30 minutes' or new.checked_in_at < now() - interval '30 minutes')
          and (new.site_id <> old.site_id or new.checked_in_at <> old.checked_in_at
               or new.person_hash is distinct from old.person_hash
               or new.flagged <> old.flagged or new.flag_fever <> old.flag_fever
               or new.flag_symptoms <> old.flag_symptoms or new.flag_close_contact <> old.flag_close_contact
               or new.flag_outbreak_area <> old.flag_outbreak_area
               or coalesce(new.checkout_source = 'AUTO', false) <> coalesce(old.checkout_source = 'AUTO', false)))
    execute function visit_report_day_changed();

create trigger visit_report_day_delete after delete on visit for each row
    when (old.checked_in_at < now() - interval '30 minutes')
    execute function visit_report_day_changed();
