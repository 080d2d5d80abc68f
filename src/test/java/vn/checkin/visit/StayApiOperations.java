package vn.checkin.visit;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import vn.checkin.support.Api;
import vn.checkin.visit.StayModel.Stay;
import vn.checkin.visit.StayScenario.Place;
import vn.checkin.visit.StayVisitors.Declared;
import vn.checkin.visit.StayVisitors.Keys;
import vn.checkin.visit.StayVisitors.Person;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations of {@link StayScenario} that go through the HTTP API, stamped by the service's clock: QR check-in,
 * staff entry, the arrival of someone already on site, the visitor's and the staff's checkout, and a site's new
 * time zone. Each checks its answer and tells the {@link StayModel} what the README says must have happened; each
 * answers whether it changed what a report counts on an ended day.
 */
final class StayApiOperations {

    private final StayScenario scenario;
    /** The checkout token each QR check-in handed out. */
    private final Map<UUID, String> tokens = new HashMap<>();

    StayApiOperations(StayScenario scenario) {
        this.scenario = scenario;
    }

    /** A QR check-in at the door: the phone in one of its spellings, sometimes with the ID number. */
    boolean checkin(Person person, Place place) {
        Keys keys = person.present(scenario.random, true);
        Declared declared = Declared.random(scenario.random);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExtractableResponse<Response> answer = given().contentType(ContentType.JSON)
                .body(StayVisitors.body(place.site().checkinUrl(), person, keys, declared))
                .post("/api/v1/checkins").then().extract();
        Instant after = Instant.now();
        assertThat(answer.statusCode()).as("check-in: %s", answer.body().asString()).isEqualTo(201);
        UUID id = UUID.fromString(answer.path("visitId"));
        Instant in = Instant.parse(answer.path("checkedInAt"));
        assertThat(in).as("check-in time").isBetween(before, after);
        assertThat(answer.<List<String>>path("riskFlags")).as("risk flags").isEqualTo(declared.riskFlags());
        assertThat(answer.<String>path("status")).isEqualTo("ON_SITE");
        tokens.put(id, answer.path("checkoutToken"));
        return arrived(new Stay(id, place.id(), keys.phone(), keys.idNumber(), in, null, null, "QR",
                declared.flags()), "QR check-in " + scenario.who(person) + " " + keys + " at " + scenario.name(place));
    }

    /** Reception enters a visitor (an ID number, a phone, or both). */
    boolean staffEntry(Person person, Place place) {
        Keys keys = person.present(scenario.random, false);
        Declared declared = Declared.random(scenario.random);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExtractableResponse<Response> answer = given().auth().oauth2(scenario.desk.token())
                .contentType(ContentType.JSON).body(StayVisitors.body(null, person, keys, declared))
                .post("/api/v1/sites/{id}/visits", place.site().id()).then().extract();
        Instant after = Instant.now();
        assertThat(answer.statusCode()).as("staff entry: %s", answer.body().asString()).isEqualTo(201);
        UUID id = UUID.fromString(answer.path("id"));
        Instant in = Instant.parse(answer.path("checkedInAt"));
        assertThat(in).as("staff entry time").isBetween(before, after);
        assertThat(answer.<List<String>>path("riskFlags")).as("risk flags").isEqualTo(declared.riskFlags());
        assertThat(answer.<String>path("entrySource")).isEqualTo("STAFF");
        assertThat(answer.<String>path("visitor.phone")).isEqualTo(keys.phone());
        return arrived(new Stay(id, place.id(), keys.phone(), keys.idNumber(), in, null, null, "STAFF",
                declared.flags()), "staff entry " + scenario.who(person) + " " + keys + " at " + scenario.name(place));
    }

    /** Someone already on site (perhaps since a straight-inserted day of 1998) arrives there again. */
    boolean checkinAgain() {
        List<Stay> open = scenario.model.all().stream().filter(s -> s.open() && scenario.personOf(s).isPresent())
                .toList();
        if (open.isEmpty()) {
            return staffEntry(scenario.pick(scenario.persons), scenario.pick(scenario.places));
        }
        Stay earlier = scenario.pick(open);
        Person person = scenario.personOf(earlier).orElseThrow();
        Place place = scenario.place(earlier.siteId());
        scenario.note("again: " + scenario.who(person) + " is on site since " + earlier);
        boolean byQr = person.national() != null && (person.idNumber() == null || scenario.random.nextBoolean());
        return byQr ? checkin(person, place) : staffEntry(person, place);
    }

    private boolean arrived(Stay arriving, String what) {
        List<Stay> closed = scenario.model.arrive(arriving);
        scenario.note(what + " -> " + arriving + (closed.isEmpty() ? "" : " closing " + closed));
        return closed.stream().anyMatch(scenario::isPast);
    }

    /** The visitor's own checkout: their token (again for a closed visit), a wrong one, or a purged visit. */
    boolean visitorCheckout() {
        StayModel model = scenario.model;
        int roll = scenario.random.nextInt(10);
        if (roll == 0 && !model.all().isEmpty()) {
            Stay stay = scenario.pick(List.copyOf(model.all()));
            String wrong = scenario.beans.tokens().tokenFor(UUID.randomUUID());
            int status = given().contentType(ContentType.JSON).body(Map.of("checkoutToken", wrong))
                    .post("/api/v1/checkins/{id}/checkout", stay.id()).statusCode();
            scenario.note("visitor checkout of " + stay + " with another visit's token -> " + status);
            assertThat(status).as("a wrong checkout token").isEqualTo(403);
            return false;
        }
        if (roll == 1 && !model.deleted().isEmpty()) {
            UUID gone = scenario.pick(model.deleted());
            int status = given().contentType(ContentType.JSON)
                    .body(Map.of("checkoutToken", scenario.beans.tokens().tokenFor(gone)))
                    .post("/api/v1/checkins/{id}/checkout", gone).statusCode();
            scenario.note("visitor checkout of purged " + gone + " -> " + status);
            assertThat(status).as("checkout of a purged visit").isEqualTo(404);
            return false;
        }
        List<Stay> withTokens = model.all().stream().filter(s -> tokens.containsKey(s.id())).toList();
        List<Stay> choice = roll == 2 || withTokens.isEmpty() ? List.copyOf(model.all()) : withTokens;
        if (choice.isEmpty()) {
            return false;
        }
        Stay stay = scenario.pick(choice);
        String token = tokens.getOrDefault(stay.id(), scenario.beans.tokens().tokenFor(stay.id()));
        return checkout(stay, "visitor", StayModel.VISITOR, () -> given().contentType(ContentType.JSON)
                .body(Map.of("checkoutToken", token)).post("/api/v1/checkins/{id}/checkout", stay.id()));
    }

    boolean staffCheckout() {
        if (scenario.model.all().isEmpty()) {
            return false;
        }
        Stay stay = scenario.pick(List.copyOf(scenario.model.all()));
        return checkout(stay, "staff", StayModel.STAFF, () -> given().auth().oauth2(scenario.desk.token())
                .post("/api/v1/visits/{id}/checkout", stay.id()));
    }

    /** An administrator gives a site another time zone: its local days move, so its stored days no longer count. */
    boolean changeZone() {
        int index = scenario.random.nextInt(scenario.places.size());
        Place place = scenario.places.get(index);
        String zone = scenario.pick(StayScenario.ZONES.stream().filter(z -> !z.equals(place.zone().getId())).toList());
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("timeZone", zone))
                .patch("/api/v1/sites/{id}", place.site().id()).then().statusCode(200);
        scenario.places.set(index, new Place(place.site(), place.id(), ZoneId.of(zone), place.stay()));
        scenario.note("time zone of " + scenario.name(place) + " " + place.zone() + " -> " + zone);
        return true;
    }

    /** A checkout ends an open visit now; of a closed one it answers the first end and changes nothing. */
    private boolean checkout(Stay stay, String who, String source, Supplier<Response> call) {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExtractableResponse<Response> answer = call.get().then().extract();
        Instant after = Instant.now();
        assertThat(answer.statusCode()).as("%s checkout: %s", who, answer.body().asString()).isEqualTo(200);
        Instant out = Instant.parse(answer.path("checkedOutAt"));
        Stay now = scenario.model.end(stay.id(), out, source);
        scenario.note(who + " checkout of " + stay + " -> " + out + " " + answer.path("checkoutSource"));
        if (stay.open()) {
            assertThat(out).as("checkout time").isBetween(before, after);
        } else {
            assertThat(out).as("a repeated checkout answers the first end").isEqualTo(stay.out());
        }
        assertThat(answer.<String>path("checkoutSource")).isEqualTo(now.source());
        assertThat(answer.<String>path("status")).isEqualTo("CHECKED_OUT");
        return false; // a checkout by the visitor or the staff changes nothing a report counts
    }
}
