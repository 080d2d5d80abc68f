package vn.checkin.security;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.checkin.site.ScannedQr;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.support.Seeded;
import vn.checkin.visit.VisitRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and garbled check-ins thrown at the public endpoint: no answer is a 5xx, every refusal is problem+json,
 * and the number of stored visits grows by exactly the number of 201 answers. A garbled QR string is accepted
 * only when it still says what the real one says (same site, version and signature: e.g. another host name, or a
 * repeated parameter after the real one); never otherwise. Every input is drawn from its own seeded generator
 * ({@link Seeded}): a failure lists the seed and the inputs, and {@code -Dtest.seed=N} draws them again.
 */
@QuarkusTest
class HostileInputTest {

    private static final int INPUTS_PER_KIND = 300;

    enum Kind {
        /** Arbitrary text, JSON fragments, deep nesting, huge numbers, control characters. */
        RAW,
        /** A valid check-in with one field replaced by a value of a hostile type or size. */
        MUTATED,
        /** A valid check-in whose QR string is random text or the site's real URL with its parts garbled. */
        QR
    }

    private final List<String> failures = new ArrayList<>();
    private int created;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void garbledCheckinsNeverBreakTheServiceOrStoreAnything(Kind kind) {
        Api.TestSite site = Api.createSite();
        ScannedQr real = ScannedQr.parse(site.checkinUrl());
        long before = storedVisits();

        for (int number = 0; number < INPUTS_PER_KIND; number++) {
            Seeded random = Seeded.forCase(HostileInputTest.class, kind.name(), number);
            switch (kind) {
                case RAW -> send(rawBody(random), random);
                case MUTATED -> send(mutatedBody(random, site), random);
                case QR -> {
                    String qr = qrString(random, site.checkinUrl());
                    int status = send(Api.checkinBody(qr, "Khách Lạ", Api.randomPhone()), random);
                    if (status == 201 && !real.equals(parsedOrNull(qr))) {
                        failures.add("a garbled QR was accepted: " + abbreviate(qr) + " [" + random.describe() + "]");
                    }
                }
            }
        }

        System.out.printf("HostileInputTest %s: %d inputs tried, %d accepted as valid check-ins (seed %d)%n",
                kind, INPUTS_PER_KIND, created, Seeded.runSeed());
        assertThat(failures).as("answers to hostile input").isEmpty();
        assertThat(storedVisits() - before).as("visits stored (seed %d)", Seeded.runSeed()).isEqualTo(created);
    }

    private static ScannedQr parsedOrNull(String qr) {
        try {
            return ScannedQr.parse(qr);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int send(Object body, Seeded random) {
        Response response = Http.anonymous().body(body).post("/api/v1/checkins");
        int status = response.statusCode();
        if (status == 201) {
            created++;
        } else if (status >= 500) {
            failures.add(status + ": " + abbreviate(body) + " [" + random.describe() + "]");
        } else if (!String.valueOf(response.contentType()).startsWith(Http.PROBLEM_JSON)) {
            failures.add(status + " without problem+json: " + abbreviate(body) + " [" + random.describe() + "]");
        }
        return status;
    }

    private static String rawBody(Seeded random) {
        return switch (random.between(0, 4)) {
            case 0 -> random.anyText(0, 300);
            case 1 -> random.text("{}[]\":,0123456789.-eEtruefalsn \\u", 0, 200);
            case 2 -> {
                int depth = random.between(1, 3000);
                yield "[".repeat(depth) + "]".repeat(depth);
            }
            case 3 -> {
                int depth = random.between(1, 2000);
                yield "{\"visitor\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            default -> random.oneOf("1e999999", "-0", "123456789012345678901234567890", "NaN", "null",
                    "\"\\ud800\"", "{\"consent\":1e400}", "{\"declaration\":{\"temperatureC\":1e309}}");
        };
    }

    private static final List<String> FIELDS = List.of("qr", "purpose", "hostName", "consent", "visitor",
            "declaration", "visitor.fullName", "visitor.phone", "visitor.idNumber", "visitor.yearOfBirth",
            "visitor.address", "declaration.temperatureC", "declaration.symptoms",
            "declaration.closeContactWithCase", "declaration.vaccineDoses", "declaration.outbreakAreaDetails");

    private static Map<String, Object> mutatedBody(Seeded random, Api.TestSite site) {
        String name = random.oneOf(FIELDS);
        Object replacement = random.orNull(0.1, () -> hostileValue(random));
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Khách Thử", Api.randomPhone());
        String[] path = name.split("\\.");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = path.length == 1 ? body
                : new LinkedHashMap<>((Map<String, Object>) body.get(path[0]));
        target.put(path[path.length - 1], replacement);
        if (path.length > 1) {
            body.put(path[0], target);
        }
        return body;
    }

    private static Object hostileValue(Seeded random) {
        return switch (random.between(0, 9)) {
            case 0 -> random.anyText(0, 2000);
            case 1 -> random.anyInt();
            case 2 -> random.anyLong();
            case 3 -> random.anyDouble();
            case 4 -> random.chance(0.5);
            case 5 -> List.of("FEVER", "NOT_A_SYMPTOM");
            case 6 -> Map.of("nested", List.of(1, 2, 3));
            case 7 -> "' OR 1=1 --";
            case 8 -> "<script>alert(1)</script>";
            default -> "=HYPERLINK(\"http://evil\")";
        };
    }

    /** Random text, one character of the real URL changed, a parameter repeated with junk, a kiosk time added. */
    private static String qrString(Seeded random, String url) {
        String qr;
        do {
            qr = switch (random.between(0, 3)) {
                case 0 -> random.anyText(1, 1100);
                case 1 -> {
                    int at = random.between(0, url.length() - 1);
                    yield url.substring(0, at) + random.asciiOtherThan(url.charAt(at)) + url.substring(at + 1);
                }
                case 2 -> url + "&" + random.oneOf("v", "s", "t", "site") + "="
                        + random.text("0123456789-%&=?abcXYZ_/", 0, 40);
                default -> url.replace("&s=", "&t=" + random.between(-1L, 99_999_999_999L) + "&s=");
            };
        } while (qr.equals(url));
        return qr;
    }

    private static long storedVisits() {
        VisitRepository visits = Arc.container().instance(VisitRepository.class).get();
        return QuarkusTransaction.requiringNew().call(visits::count);
    }

    private static String abbreviate(Object body) {
        String text = String.valueOf(body);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
