-- matched_visit_id always held the same value as via_visit_id: one column says through which visit a contact
-- was found.
alter table tracing_row drop column matched_visit_id;
