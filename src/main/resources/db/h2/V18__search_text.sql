-- Lists search without regard to diacritics or case ("nguyen van an" finds "Nguyễn Văn An", "d" finds "đ"). Each
-- searched row keeps its searched fields in search form (vn.checkin.common.SearchText: lower case, no marks, đ as d),
-- one field a line, and a list's q, put in the same form, is looked for in it with LIKE. The database keeps the
-- column itself, for rows written by any path: the service, a batch, plain SQL. H2 runs Java triggers
-- (vn.checkin.common.SearchTextTrigger); db/pg/V18 does the same in SQL.
-- No index serves LIKE '%x%': a day log is one site's day, already narrowed by ix_visit_site_checked_in; sites are few.
alter table visit add column search_text varchar;
create trigger visit_search_text before insert, update on visit for each row
    call 'vn.checkin.visit.VisitSearchTextTrigger';
update visit set search_text = null;

alter table site add column search_text varchar;
create trigger site_search_text before insert, update on site for each row
    call 'vn.checkin.site.SiteSearchTextTrigger';
update site set search_text = null;
