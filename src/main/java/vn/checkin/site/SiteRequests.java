package vn.checkin.site;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response records of the sites API. */
public final class SiteRequests {

    private SiteRequests() {
    }

    public record CreateSite(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{3,40}", message = "3 to 40 characters: a-z, 0-9 and dash")
            String code,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 500) String address,
            @Size(max = 200) String organization,
            @Size(max = 64) String timeZone,
            @Min(5) @Max(1440) Integer defaultStayMinutes) {
    }

    /** PATCH: only the fields present change. The code is printed on posters and cannot change. */
    public record PatchSite(
            @Size(min = 1, max = 200) String name,
            @Size(max = 500) String address,
            @Size(max = 200) String organization,
            @Size(max = 64) String timeZone,
            @Min(5) @Max(1440) Integer defaultStayMinutes,
            Boolean active,
            Boolean kioskOnly) {
    }

    public record SiteView(UUID id, String code, String name, String address, String organization, String timeZone,
                           int defaultStayMinutes, int qrVersion, boolean active, boolean kioskOnly,
                           String checkinUrl, Instant createdAt, Instant updatedAt) {
    }
}
