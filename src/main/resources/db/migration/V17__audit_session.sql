-- Audit entries name the login session (the token's sid) they were made in, so that one reception screen's polls of
-- its day log can be told from another's and recorded only when the screen's site, day or filter changes.
-- Entries made without a session (scheduled jobs, tokens issued before sessions existed) leave it null.
alter table audit_entry add column session_id uuid;

-- "The latest RECEPTION_LOG_VIEW entry of this session": one probe, read from the newest end.
create index ix_audit_entry_session_action_at on audit_entry (session_id, action, at desc);

-- The audit API's target filter (a site, a tracing query, a user), newest first.
create index ix_audit_entry_target_at on audit_entry (target, at);

-- The audit page's filter by action (its exports, its tracing queries), newest first, without reading the others.
create index ix_audit_entry_action_at on audit_entry (action, at);
