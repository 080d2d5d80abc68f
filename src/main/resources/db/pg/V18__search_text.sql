-- Lists search without regard to diacritics or case ("nguyen van an" finds "Nguyễn Văn An", "d" finds "đ"). Each
-- searched row keeps its searched fields in search form, one field a line, and a list's q, put in the same form, is
-- looked for in it with LIKE. The database keeps the column itself, for rows written by any path: the service, a
-- batch, plain SQL. search_normalise() takes exactly the steps of vn.checkin.common.SearchText#normalise (which H2's
-- triggers call, db/h2/V18): NFD, drop the marks U+0300-U+036F, Đ/đ to d, lower case, white space runs to one space,
-- trimmed. Built-ins only (normalize() needs a UTF8 database, as Vietnamese text does anyway): the unaccent
-- extension may not be installed, and it would have to agree with Java's.
-- No index serves LIKE '%x%' (pg_trgm could, but would tax every check-in for lists that need none): a day log is
-- one site's day, already narrowed by ix_visit_site_checked_in, and sites are few.
create function search_normalise(p_text text) returns text
language sql immutable strict parallel safe as $$
    select btrim(regexp_replace(
        lower(translate(regexp_replace(normalize(p_text, NFD), '[\u0300-\u036f]+', '', 'g'), 'Đđ', 'dd')),
        '[ \t\n\r\f\v]+', ' ', 'g'), ' ')
$$;

alter table visit add column search_text text;

create function visit_search_text() returns trigger
language plpgsql as $$
begin
    new.search_text := coalesce(search_normalise(new.full_name), '') || chr(10)
        || coalesce(search_normalise(new.organization), '');
    return new;
end $$;

create trigger visit_search_text before insert or update of full_name, organization, search_text on visit
    for each row execute function visit_search_text();

update visit set search_text = null;

alter table site add column search_text text;

create function site_search_text() returns trigger
language plpgsql as $$
begin
    new.search_text := coalesce(search_normalise(new.name), '') || chr(10)
        || coalesce(search_normalise(new.code), '') || chr(10)
        || coalesce(search_normalise(new.organization), '');
    return new;
end $$;

create trigger site_search_text before insert or update of name, code, organization, search_text on site
    for each row execute function site_search_text();

update site set search_text = null;
