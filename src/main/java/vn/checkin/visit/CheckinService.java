package vn.checkin.visit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.common.ApiException;
import vn.checkin.common.GroupCommit;
import vn.checkin.site.EntranceCodes;
import vn.checkin.site.ScannedQr;
import vn.checkin.site.SiteEntrances;
import vn.checkin.site.SiteRepository;
import vn.checkin.throttle.Reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static vn.checkin.visit.VisitRequests.CheckinRequest;
import static vn.checkin.visit.VisitViews.CheckinResponse;
import static vn.checkin.visit.VisitViews.CheckoutResponse;
import static vn.checkin.visit.VisitViews.VisitView;

/**
 * A visitor's own check-in and check-out. The QR signature and version are verified before anything
 * is stored; an {@code Idempotency-Key} makes a retried check-in answer with the visit it already created.
 */
@ApplicationScoped
public class CheckinService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final VisitRepository visits;
    private final SiteRepository sites;
    private final SiteEntrances entrances;
    private final EntranceCodes codes;
    private final CheckoutTokens tokens;
    private final CheckinThrottle throttle;
    private final OneOpenVisit oneOpenVisit;
    private final Stays stays;
    private final GroupCommit groupCommit;
    private final ObjectMapper json;
    private final Clock clock;

    CheckinService(VisitRepository visits, SiteRepository sites, SiteEntrances entrances, EntranceCodes codes,
                   CheckoutTokens tokens, CheckinThrottle throttle, OneOpenVisit oneOpenVisit, Stays stays,
                   GroupCommit groupCommit, ObjectMapper json, Clock clock) {
        this.visits = visits;
        this.sites = sites;
        this.entrances = entrances;
        this.codes = codes;
        this.tokens = tokens;
        this.throttle = throttle;
        this.oneOpenVisit = oneOpenVisit;
        this.stays = stays;
        this.groupCommit = groupCommit;
        this.json = json;
        this.clock = clock;
    }

    public record CheckinResult(CheckinResponse response, boolean replayed) {
    }

    /** Checks in from {@code address}; counted against the per-address and per-phone limits first. */
    public CheckinResult checkin(CheckinRequest request, String idempotencyKey, String address) {
        Reservation attempt = throttle.attempt(address,
                PhoneNumbers.normalise(request.visitor().phone()).orElse(null));
        try {
            return checkin(request, idempotencyKey, attempt);
        } catch (ApiException refused) {
            if (refused.status() < 500 && !attempt.counted()) {
                // Refused before it was stored: counted alone, so that a flood of bad requests runs out as well.
                throttle.count(attempt);
            }
            throw refused;
        }
    }

    private CheckinResult checkin(CheckinRequest request, String idempotencyKey, Reservation attempt) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters.");
        }
        // The hash tells a retry from another request reusing the key; without a key nothing compares it.
        String hash = idempotencyKey == null ? null : requestHash(request);
        if (idempotencyKey != null) {
            Optional<CheckinResult> earlier = replay(idempotencyKey, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            // Everything that can refuse the request is checked here, on the caller's thread: the grouped
            // transaction only stores (its leader runs the stores of everyone waiting, one after the other).
            ScannedQr qr = ScannedQr.parse(request.qr());
            SiteEntrances.Entrance site = entrances.byCode(qr.siteCode())
                    .orElseThrow(() -> ApiException.notFound("The site of this code"));
            codes.verify(site, qr);
            checkYearOfBirth(request.visitor().yearOfBirth(), clock.instant());
            // The attempt is counted in the batch's transaction before the stores run, and refused there past a limit.
            Stored stored = groupCommit.run(() -> {
                throttle.refuseIfOver(attempt);
                return store(site, qr, request, idempotencyKey, hash);
            }, List.of(throttle.counting(attempt), new GroupCommit.Prepared<>(oneOpenVisit, arrival(site, request))));
            if (stored.replayed() && !hash.equals(stored.visit().requestHash)) {
                throw keyReused();
            }
            return new CheckinResult(response(stored.visit(), site.name()), stored.replayed());
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Two retries with one key raced: the loser answers with the winner's visit.
            if (idempotencyKey != null) {
                Optional<CheckinResult> winner = replay(idempotencyKey, hash);
                if (winner.isPresent()) {
                    return winner.get();
                }
            }
            throw e;
        }
    }

    /**
     * Closes the visit (once: a repeat, or a checkout that lost a race with another ending, answers with the first
     * end); stored with others leaving meanwhile.
     */
    public CheckoutResponse checkout(UUID visitId, String checkoutToken) {
        boolean tokenMatches = tokens.matches(visitId, checkoutToken); // here, not on the leader's thread
        return groupCommit.run(() -> {
            Visit visit = ownVisit(visitId, tokenMatches);
            if (visit.checkedOutAt == null) {
                stays.end(visit, clock.instant().truncatedTo(ChronoUnit.MILLIS), Visit.CheckoutSource.VISITOR, null);
            }
            return new CheckoutResponse(visit.id, visit.checkedOutAt, visit.status(), visit.checkoutSource);
        });
    }

    @Transactional
    public VisitView ownView(UUID visitId, String checkoutToken) {
        Visit visit = ownVisit(visitId, tokens.matches(visitId, checkoutToken));
        return Visits.view(visit, sites.nameOf(visit.siteId));
    }

    /** A check-in's visit, and whether a request with the same {@code Idempotency-Key} had stored it first. */
    private record Stored(Visit visit, boolean replayed) {
    }

    private Stored store(SiteEntrances.Entrance site, ScannedQr qr, CheckinRequest request, String idempotencyKey,
                         String hash) {
        if (idempotencyKey != null) {
            // A retry with the same key stored meanwhile (this work then lost the key's unique index, and runs again).
            Optional<Visit> first = visits.byIdempotencyKey(idempotencyKey);
            if (first.isPresent()) {
                return new Stored(first.get(), true);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Visit visit = Visits.newVisit(site.id(), request.visitor(), request.declaration(), request.purpose(),
                request.hostName(), now);
        visit.entrySource = Visit.EntrySource.QR;
        visit.qrVersion = qr.version();
        visit.idempotencyKey = idempotencyKey;
        visit.requestHash = hash;
        oneOpenVisit.closeEarlierStays(visit);
        visits.persist(visit);
        return new Stored(visit, false); // inserted with the batch's others when the group commit flushes
    }

    /** The keys {@link Visits#newVisit} will store, for the batch's lookup of earlier stays. */
    private static OneOpenVisit.Arrival arrival(SiteEntrances.Entrance site, CheckinRequest request) {
        return new OneOpenVisit.Arrival(site.id(), Visits.phoneOf(request.visitor()),
                Visits.blankToNull(request.visitor().idNumber()));
    }

    private Optional<CheckinResult> replay(String idempotencyKey, String hash) {
        return QuarkusTransaction.requiringNew().call(() -> visits.byIdempotencyKey(idempotencyKey).map(visit -> {
            if (!hash.equals(visit.requestHash)) {
                throw keyReused();
            }
            String siteName = sites.nameOf(visit.siteId);
            return new CheckinResult(response(visit, siteName), true);
        }));
    }

    private static ApiException keyReused() {
        return ApiException.unprocessable("idempotency-key-reused",
                "This Idempotency-Key was already used with a different request.");
    }

    private CheckinResponse response(Visit visit, String siteName) {
        return new CheckinResponse(visit.id, visit.siteId, siteName, visit.checkedInAt, tokens.tokenFor(visit.id),
                visit.status(), Visits.riskFlags(visit));
    }

    /** The visit, if it exists (404) and the caller's checkout token is the one issued for it (403). */
    private Visit ownVisit(UUID visitId, boolean tokenMatches) {
        Visit visit = visits.findByIdOptional(visitId).orElseThrow(() -> ApiException.notFound("Visit " + visitId));
        if (!tokenMatches) {
            throw ApiException.forbidden("This checkout token does not belong to this visit.");
        }
        return visit;
    }

    static void checkYearOfBirth(Integer yearOfBirth, Instant now) {
        if (yearOfBirth != null && yearOfBirth > now.atZone(ZoneOffset.UTC).getYear()) {
            throw ApiException.invalid("visitor.yearOfBirth", "must not be in the future");
        }
    }

    private String requestHash(CheckinRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }
}
