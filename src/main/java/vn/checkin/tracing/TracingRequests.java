package vn.checkin.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.checkin.visit.PhoneNumber;

import java.time.Instant;
import java.util.UUID;

/** What a tracing officer asks. */
public final class TracingRequests {

    private TracingRequests() {
    }

    /** The case: exactly one of phone, ID number or one of their visits. */
    public record CaseRef(@PhoneNumber @Size(max = 30) String phone,
                          @Pattern(regexp = "\\d{9}|\\d{12}", message = "must be 9 or 12 digits") String idNumber,
                          UUID visitId) {
    }

    public record TracingRequest(
            @JsonProperty("case") @NotNull @Valid CaseRef caseRef,
            @NotNull Instant from,
            @NotNull Instant to,
            @Min(0) @Max(1440) Integer minOverlapMinutes,
            @Min(0) @Max(1440) Integer bufferMinutes,
            @Min(1) @Max(2) Integer depth,
            @NotBlank @Size(max = 500) String reason) {
    }
}
