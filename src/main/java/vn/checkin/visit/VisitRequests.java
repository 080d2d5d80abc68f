package vn.checkin.visit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;

import java.math.BigDecimal;
import java.util.List;

/** What visitors and reception staff send. */
public final class VisitRequests {

    private VisitRequests() {
    }

    /** Validation group of a visitor's own check-in, where the phone number is required. */
    public interface SelfCheckin extends Default {
    }

    public record VisitorInput(
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank(groups = SelfCheckin.class) @PhoneNumber @Size(max = 30) String phone,
            @Pattern(regexp = "\\d{9}|\\d{12}", message = "must be 9 digits (ID card) or 12 digits (citizen ID)")
            String idNumber,
            @Min(1900) @Max(2100) Integer yearOfBirth,
            @Size(max = 500) String address,
            @Size(max = 200) String organization) {
    }

    public record DeclarationInput(
            @DecimalMin(value = "34.0", message = "must be a body temperature between 34.0 and 43.0 °C")
            @DecimalMax(value = "43.0", message = "must be a body temperature between 34.0 and 43.0 °C")
            @Digits(integer = 2, fraction = 1) BigDecimal temperatureC,
            @Size(max = 7) List<@NotNull Symptom> symptoms,
            Boolean closeContactWithCase,
            Boolean visitedOutbreakArea,
            @Size(max = 500) String outbreakAreaDetails,
            @Min(0) @Max(10) Integer vaccineDoses) {
    }

    public record CheckinRequest(
            @NotBlank @Size(max = 1024) String qr,
            @NotNull @Valid @ConvertGroup(from = Default.class, to = SelfCheckin.class) VisitorInput visitor,
            @Size(max = 500) String purpose,
            @Size(max = 200) String hostName,
            @NotNull @Valid DeclarationInput declaration,
            @NotNull @AssertTrue(message = "the visitor must agree to the processing of their data") Boolean consent) {
    }

    /** Reception enters a visitor who has no phone to scan with: same as a check-in, without the QR. */
    public record StaffVisitRequest(
            @NotNull @Valid VisitorInput visitor,
            @Size(max = 500) String purpose,
            @Size(max = 200) String hostName,
            @NotNull @Valid DeclarationInput declaration,
            @NotNull @AssertTrue(message = "the visitor must agree to the processing of their data") Boolean consent) {
    }

    public record CheckoutRequest(@NotBlank @Size(max = 100) String checkoutToken) {
    }
}
