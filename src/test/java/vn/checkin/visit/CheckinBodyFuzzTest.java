package vn.checkin.visit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import vn.checkin.common.ApiException;
import vn.checkin.common.StorableText;
import vn.checkin.site.ScannedQr;
import vn.checkin.support.Api;
import vn.checkin.support.FuzzedCheckins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.checkin.visit.VisitRequests.CheckinRequest;

/**
 * Fuzzed check-in bodies through what the service does with a body before it stores it: Jackson with the
 * service's customisation, Bean Validation of the request record, the QR parser, the year-of-birth rule, and the
 * visit built from it. Each step accepts the body or refuses it in a way the problem mapper answers with a 4xx
 * (a Jackson error, a constraint violation, an {@link ApiException} of 4xx); no other exception, and a visit
 * built from an accepted body fits its table's columns (PostgreSQL refuses an over-long value with a 500).
 * <p>
 * Why not fuzz over HTTP: {@code @QuarkusTest} runs every test-method invocation itself, in Quarkus' class
 * loader, and skips the rest of JUnit's invocation chain, so Jazzer's own interceptor never sees its fuzzing
 * invocation and a fuzzing run only calls the test once, with Jazzer's placeholder argument. Regression mode
 * works there, so {@link CheckinBodyReplayTest} replays this class's inputs (and, on request, a fuzzing run's
 * corpus) against the running service: no 5xx, and nothing stored for a refused body.
 * <p>
 * By default ({@code mvn verify}) this runs on the empty input (a valid check-in) and on the inputs committed in
 * {@code src/test/resources/vn/checkin/visit/CheckinBodyFuzzTestInputs/storableOrRefused/}. To fuzz, coverage
 * guided, for {@code maxDuration}, then replay what it found over HTTP:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B test -Dtest='CheckinBodyFuzzTest#storableOrRefused'
 * mvn -B test -Dtest=CheckinBodyReplayTest -Dcheckin.fuzz.corpus=.cifuzz-corpus/vn.checkin.visit.CheckinBodyFuzzTest/storableOrRefused
 * </pre>
 * A failing input is written as {@code crash-<hash>} into the inputs folder above and replayed by both tests;
 * {@code -Djazzer.keep_going=N} fuzzes on until N distinct findings, and {@code -Djazzer.instrument=vn.checkin.**,
 * com.fasterxml.jackson.**,org.hibernate.validator.**} lets coverage inside Jackson and the validator guide it.
 */
class CheckinBodyFuzzTest {

    /** A site as {@link Api#createSite()} returns it; the signature is never checked here. */
    static final Api.TestSite SITE = new Api.TestSite(UUID.randomUUID().toString(), "site-7-3f9c2a1b",
            "Ủy ban nhân dân 8", "http://localhost:8081/c/site-7-3f9c2a1b?v=1&s=q2Vb7bXo0h3rJ9Jf1m0uYQ", 1);
    private static final ObjectMapper JSON = serviceMapper();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @FuzzTest(maxDuration = "2m")
    void storableOrRefused(FuzzedDataProvider data) throws IOException {
        byte[] body = FuzzedCheckins.body(data, SITE, "0912345678");
        String sent = FuzzedCheckins.describe(body);

        CheckinRequest request;
        try {
            request = JSON.readValue(new ByteArrayInputStream(body), CheckinRequest.class); // as the server reads it
        } catch (JsonProcessingException refused) { // the mapper's 400 (malformed-json or validation)
            return;
        } catch (java.io.CharConversionException undecodable) { // not text in any Unicode encoding: 400 too
            return;
        }
        if (request == null || !VALIDATOR.validate(request).isEmpty()) { // @NotNull and @Valid: 400
            return;
        }
        Instant now = Instant.now();
        try {
            ScannedQr.parse(request.qr());
            CheckinService.checkYearOfBirth(request.visitor().yearOfBirth(), now);
        } catch (ApiException refused) {
            assertThat(refused.status()).as("status refusing %s", sent).isBetween(400, 499);
            return;
        }
        Visit visit = Visits.newVisit(UUID.randomUUID(), request.visitor(), request.declaration(),
                request.purpose(), request.hostName(), now);
        assertFitsItsColumns(visit, sent);
    }

    /** The visit table's sizes (V1__init.sql). */
    private static void assertFitsItsColumns(Visit visit, String sent) {
        assertThat(visit.fullName).as("full_name of %s", sent).isNotBlank().hasSizeLessThanOrEqualTo(200);
        assertThat(visit.phone).as("phone of %s", sent).isNotNull().hasSizeLessThanOrEqualTo(20);
        fits(visit.idNumber, 12, "id_number", sent);
        fits(visit.address, 500, "address", sent);
        fits(visit.organization, 200, "organization", sent);
        fits(visit.purpose, 500, "purpose", sent);
        fits(visit.hostName, 200, "host_name", sent);
        fits(visit.symptoms, 200, "symptoms", sent);
        fits(visit.outbreakAreaDetails, 500, "outbreak_area_details", sent);
        if (visit.temperatureC != null) { // numeric(4, 1)
            BigDecimal stored = visit.temperatureC.stripTrailingZeros();
            assertThat(Math.max(stored.scale(), 0)).as("temperature scale of %s", sent).isLessThanOrEqualTo(1);
            assertThat(stored.precision() - stored.scale()).as("temperature digits of %s", sent)
                    .isLessThanOrEqualTo(3);
        }
    }

    private static void fits(String value, int size, String column, String sent) {
        if (value != null) {
            assertThat(value).as("%s of %s", column, sent).hasSizeLessThanOrEqualTo(size);
        }
    }

    /** Jackson as the service has it: Quarkus' defaults (unknown properties ignored) and its customiser. */
    private static ObjectMapper serviceMapper() {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        new StorableText().customize(mapper);
        return mapper;
    }
}
