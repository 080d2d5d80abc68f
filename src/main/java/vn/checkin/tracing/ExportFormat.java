package vn.checkin.tracing;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** The export formats of a stored tracing query. */
public enum ExportFormat {
    CSV("text/csv; charset=UTF-8", "csv",
            out -> new TracingCsv(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)))),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", TracingXlsx::new),
    PDF("application/pdf", "pdf", TracingPdf::new);

    private final String mediaType;
    private final String extension;
    private final Function<OutputStream, ExportWriter> writer;

    ExportFormat(String mediaType, String extension, Function<OutputStream, ExportWriter> writer) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.writer = writer;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    ExportWriter writerFor(OutputStream out) {
        return writer.apply(out);
    }
}
