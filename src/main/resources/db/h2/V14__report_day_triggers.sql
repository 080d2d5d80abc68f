-- A change to the visits of an ended day marks that day's stored report figures stale (V10), whoever makes it:
-- the service (an automatic checkout, the next arrival closing a stay), a retention purge, or rows loaded or
-- edited straight in the table. H2 runs triggers written in Java: vn.checkin.report.ReportDayTrigger does what
-- PostgreSQL's visit_report_day_changed() does (db/pg/V14), with the same half-hour margin.
create trigger visit_report_day after insert, update, delete on visit for each row
    call 'vn.checkin.report.ReportDayTrigger';
