-- One open visit per person and site, kept by the database (until now only the service checked it, and a staff
-- entry racing a QR check-in of the same person could leave two open). Visits left open by such races are closed
-- first, as the rule would have: at the next arrival of the same person (same phone or ID number) at the site, as
-- the service (AUTO). Only arrival times are read, so the order in which rows are updated does not matter.
update site set report_version = report_version + 1
where id in (select v.site_id from visit v
             where v.checked_out_at is null
               and exists (select 1 from visit w
                           where w.site_id = v.site_id and (w.phone = v.phone or w.id_number = v.id_number)
                             and (w.checked_in_at > v.checked_in_at
                                  or (w.checked_in_at = v.checked_in_at and w.id > v.id))));

update visit v
set checked_out_at  = (select min(w.checked_in_at) from visit w
                       where w.site_id = v.site_id and (w.phone = v.phone or w.id_number = v.id_number)
                         and (w.checked_in_at > v.checked_in_at
                              or (w.checked_in_at = v.checked_in_at and w.id > v.id))),
    checkout_source = 'AUTO'
where v.checked_out_at is null
  and exists (select 1 from visit w
              where w.site_id = v.site_id and (w.phone = v.phone or w.id_number = v.id_number)
                and (w.checked_in_at > v.checked_in_at or (w.checked_in_at = v.checked_in_at and w.id > v.id)));
