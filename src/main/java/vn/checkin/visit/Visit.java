package vn.checkin.visit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/** One stay of one person at one site, with the health declaration made at the door. */
@Entity
@Table(name = "visit")
public class Visit {

    public enum Status { ON_SITE, CHECKED_OUT }

    public enum EntrySource { QR, STAFF }

    public enum CheckoutSource { VISITOR, STAFF, AUTO }

    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    /** Normalised (E.164), so every spelling of a number is the same person. */
    public String phone;

    @Column(name = "id_number")
    public String idNumber;

    @Column(name = "year_of_birth")
    public Integer yearOfBirth;

    public String address;

    public String organization;

    /** Name and organization in {@link vn.checkin.common.SearchText} form: kept by the database (V18), read by queries. */
    @Column(name = "search_text", insertable = false, updatable = false)
    public String searchText;

    public String purpose;

    @Column(name = "host_name")
    public String hostName;

    @Column(name = "temperature_c", precision = 4, scale = 1)
    public BigDecimal temperatureC;

    /** Declared symptoms, comma separated {@link Symptom} names. */
    public String symptoms;

    @Column(name = "close_contact", nullable = false)
    public boolean closeContact;

    @Column(name = "outbreak_area", nullable = false)
    public boolean outbreakArea;

    @Column(name = "outbreak_area_details")
    public String outbreakAreaDetails;

    @Column(name = "vaccine_doses")
    public Integer vaccineDoses;

    @Column(name = "flag_fever", nullable = false)
    public boolean flagFever;

    @Column(name = "flag_symptoms", nullable = false)
    public boolean flagSymptoms;

    @Column(name = "flag_close_contact", nullable = false)
    public boolean flagCloseContact;

    @Column(name = "flag_outbreak_area", nullable = false)
    public boolean flagOutbreakArea;

    @Column(nullable = false)
    public boolean flagged;

    @Column(name = "consent_at", nullable = false)
    public Instant consentAt;

    @Column(name = "checked_in_at", nullable = false)
    public Instant checkedInAt;

    @Column(name = "checked_out_at")
    public Instant checkedOutAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "checkout_source")
    public CheckoutSource checkoutSource;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_source", nullable = false)
    public EntrySource entrySource;

    @Column(name = "qr_version")
    public Integer qrVersion;

    @Column(name = "entered_by")
    public String enteredBy;

    @Column(name = "checked_out_by")
    public String checkedOutBy;

    /** When retention erased the declaration's answers; the risk flags are kept. */
    @Column(name = "declaration_erased_at")
    public Instant declarationErasedAt;

    /** 64 bits of SHA-256 of the person's identity; distinct counts over it are exact in practice. */
    @Column(name = "person_hash")
    public Long personHash;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @PrePersist
    void identifyPerson() {
        if (personHash == null) {
            personHash = personHash(phone, idNumber, id);
        }
    }

    /** The person of a visit: their normalised phone, else their ID number, else only this visit. */
    public static long personHash(String phone, String idNumber, UUID id) {
        String identity = phone != null ? "phone:" + phone : idNumber != null ? "id:" + idNumber : "visit:" + id;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public Status status() {
        return checkedOutAt == null ? Status.ON_SITE : Status.CHECKED_OUT;
    }
}
