package vn.checkin.audit;

/** What the audit trail records. */
public enum AuditAction {
    TRACING_QUERY,
    TRACING_VIEW,
    TRACING_EXPORT,
    RECEPTION_LOG_VIEW,
    RECEPTION_LOG_CSV,
    VISIT_VIEW,
    SITE_CREATE,
    SITE_UPDATE,
    QR_ROTATE,
    USER_CREATE,
    USER_UPDATE,
    RETENTION_PURGE,
    REPORT_VIEW,
    REPORT_DECLARATIONS,
    KIOSK_ENROL,
    KIOSK_REVOKE
}
