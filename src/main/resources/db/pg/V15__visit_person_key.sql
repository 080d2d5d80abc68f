-- The person key of a visit (V6: the first 64 bits of SHA-256 of "phone:<normalised phone>", else "id:<ID number>",
-- else "visit:<id>", read as a signed big-endian number) was computed only by the service's entity. A row loaded
-- straight into the table had none, and reports counted all such rows as one visitor. The database now computes
-- it for any row inserted without one, exactly as vn.checkin.visit.Visit#personHash does.
create function visit_person_key() returns trigger
language plpgsql as $$
begin
    new.person_hash := ('x' || left(encode(sha256(convert_to(
        case when new.phone is not null then 'phone:' || new.phone
             when new.id_number is not null then 'id:' || new.id_number
             else 'visit:' || new.id::text end, 'UTF8')), 'hex'), 16))::bit(64)::bigint;
    return new;
end $$;

create trigger visit_person_key before insert on visit for each row
    when (new.person_hash is null)
    execute function visit_person_key();
