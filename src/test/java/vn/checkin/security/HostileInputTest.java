package vn.checkin.security;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import vn.checkin.site.ScannedQr;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.visit.VisitRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and garbled check-ins, generated with jqwik, thrown at the public endpoint: no answer is a 5xx, every
 * refusal is problem+json, and the number of stored visits grows by exactly the number of 201 answers. A
 * garbled QR string is accepted only when it still says what the real one says (same site, version and
 * signature: e.g. another host name, or a repeated parameter after the real one); never otherwise.
 */
@QuarkusTest
class HostileInputTest {

    private static final int RAW_BODIES = 300;
    private static final int MUTATED_BODIES = 300;
    private static final int QR_STRINGS = 300;

    private final List<String> failures = new ArrayList<>();
    private int tried;
    private int created;

    @Test
    void garbledCheckinsNeverBreakTheServiceOrStoreAnything() {
        Api.TestSite site = Api.createSite();
        long before = storedVisits();

        rawBodies().sampleStream().limit(RAW_BODIES).forEach(body -> send(body, "raw"));
        mutatedBodies(site).sampleStream().limit(MUTATED_BODIES).forEach(body -> send(body, "mutated"));
        ScannedQr real = ScannedQr.parse(site.checkinUrl());
        qrStrings(site).sampleStream().limit(QR_STRINGS).forEach(qr -> {
            int status = send(Api.checkinBody(qr, "Khách Lạ", Api.randomPhone()), "qr");
            if (status == 201 && !real.equals(parsedOrNull(qr))) {
                failures.add("a garbled QR was accepted: " + abbreviate(qr));
            }
        });

        System.out.printf("HostileInputTest: %d inputs tried, %d accepted as valid check-ins%n", tried, created);
        assertThat(failures).as("answers to hostile input").isEmpty();
        assertThat(tried).isEqualTo(RAW_BODIES + MUTATED_BODIES + QR_STRINGS);
        assertThat(storedVisits() - before).as("visits stored").isEqualTo(created);
    }

    private static ScannedQr parsedOrNull(String qr) {
        try {
            return ScannedQr.parse(qr);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int send(Object body, String kind) {
        tried++;
        Response response = Http.anonymous().body(body).post("/api/v1/checkins");
        int status = response.statusCode();
        if (status == 201) {
            created++;
        } else if (status >= 500) {
            failures.add(kind + " " + status + ": " + abbreviate(body));
        } else if (!String.valueOf(response.contentType()).startsWith(Http.PROBLEM_JSON)) {
            failures.add(kind + " " + status + " without problem+json: " + abbreviate(body));
        }
        return status;
    }

    /** Arbitrary text, JSON fragments, deep nesting, huge numbers, control characters. */
    private static Arbitrary<String> rawBodies() {
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtruefalsn \\u").ofMaxLength(200);
        Arbitrary<String> nested = Arbitraries.integers().between(1, 3000)
                .map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> objects = Arbitraries.integers().between(1, 2000)
                .map(depth -> "{\"visitor\":".repeat(depth) + "1" + "}".repeat(depth));
        Arbitrary<String> numbers = Arbitraries.of("1e999999", "-0", "123456789012345678901234567890", "NaN", "null",
                "\"\\ud800\"", "{\"consent\":1e400}", "{\"declaration\":{\"temperatureC\":1e309}}");
        return Arbitraries.oneOf(garbage, jsonish, nested, objects, numbers);
    }

    /** A valid check-in with one field replaced by a value of a hostile type or size. */
    private static Arbitrary<Map<String, Object>> mutatedBodies(Api.TestSite site) {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(2000).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) List.of("FEVER", "NOT_A_SYMPTOM")),
                Arbitraries.just((Object) Map.of("nested", List.of(1, 2, 3))),
                Arbitraries.just((Object) "' OR 1=1 --"),
                Arbitraries.just((Object) "<script>alert(1)</script>"),
                Arbitraries.just((Object) "=HYPERLINK(\"http://evil\")"));
        Arbitrary<String> field = Arbitraries.of("qr", "purpose", "hostName", "consent", "visitor", "declaration",
                "visitor.fullName", "visitor.phone", "visitor.idNumber", "visitor.yearOfBirth", "visitor.address",
                "declaration.temperatureC", "declaration.symptoms", "declaration.closeContactWithCase",
                "declaration.vaccineDoses", "declaration.outbreakAreaDetails");
        return net.jqwik.api.Combinators.combine(field, value.injectNull(0.1)).as((name, replacement) -> {
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
        });
    }

    /** QR strings: random text, and the site's real URL with its parts garbled. */
    private static Arbitrary<String> qrStrings(Api.TestSite site) {
        String url = site.checkinUrl();
        Arbitrary<String> random = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(1100);
        Arbitrary<String> flipped = Arbitraries.integers().between(0, url.length() - 1)
                .flatMap(at -> Arbitraries.chars().ascii().filter(c -> c != url.charAt(at))
                        .map(c -> url.substring(0, at) + c + url.substring(at + 1)));
        Arbitrary<String> params = Arbitraries.of("v", "s", "t", "site").flatMap(name -> Arbitraries.strings()
                .withChars("0123456789-%&=?abcXYZ_/").ofMaxLength(40)
                .map(junk -> url + "&" + name + "=" + junk));
        Arbitrary<String> kiosk = Arbitraries.longs().between(-1, 99_999_999_999L)
                .map(t -> url.replace("&s=", "&t=" + t + "&s="));
        return Arbitraries.oneOf(random, flipped, params, kiosk).filter(qr -> !qr.equals(url));
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
