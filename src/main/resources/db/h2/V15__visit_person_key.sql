-- The person key of a visit was computed only by the service's entity: a row loaded straight into the table had
-- none, and reports counted all such rows as one visitor. H2 now computes it for any row inserted without one,
-- with vn.checkin.visit.Visit#personHash itself (vn.checkin.visit.PersonKeyTrigger; db/pg/V15 on PostgreSQL).
create trigger visit_person_key before insert on visit for each row
    call 'vn.checkin.visit.PersonKeyTrigger';
