package vn.checkin.tracing;

import vn.checkin.visit.VisitViews.VisitorView;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One export format. The exporter calls {@link #begin}, then {@link #row} once per row in order (case visits
 * first, then F1, then F2), then {@link #end}; writers must not keep rows, so exports run in constant memory.
 */
interface ExportWriter {

    void begin(ExportHeader header) throws IOException;

    void row(ExportRow row) throws IOException;

    void end() throws IOException;

    /** The criteria printed above the rows. */
    record ExportHeader(UUID queryId, String caseReference, Instant from, Instant to, int minOverlapMinutes,
                        int bufferMinutes, int depth, String reason, String officer, Instant createdAt,
                        String exportedBy, Instant exportedAt) {
    }

    /**
     * A row with its times in the site's own time zone. {@code level} is CASE, F1 or F2; {@code via} says whose
     * visit it was found through (name, site, arrival), null for the case's own visits.
     */
    record ExportRow(String level, UUID visitId, VisitorView visitor, String siteName, ZoneId zone,
                     Instant checkedInAt, Instant checkedOutAt, boolean autoClosed, Instant overlapStart,
                     Instant overlapEnd, Long overlapMinutes, Integer encounters, UUID viaVisitId, String via) {
    }

    String[] COLUMNS = {"Mức / Level", "Họ tên / Name", "Điện thoại / Phone", "CCCD / ID", "Năm sinh / Born",
        "Đơn vị / Organization", "Địa chỉ / Address", "Địa điểm / Site", "Vào / In", "Ra / Out",
        "Tự đóng / Auto-closed", "Tiếp xúc từ / Overlap from", "Tiếp xúc đến / Overlap to", "Phút / Minutes",
        "Số lần / Encounters", "Lượt / Visit", "Qua lượt / Via visit", "Múi giờ / Time zone",
        "Qua người / Via person"};
}
