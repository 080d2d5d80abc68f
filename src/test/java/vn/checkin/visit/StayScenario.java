package vn.checkin.visit;

import vn.checkin.ops.AutoCheckout;
import vn.checkin.ops.RetentionPurge;
import vn.checkin.support.Api;
import vn.checkin.visit.StayModel.Stay;
import vn.checkin.visit.StayVisitors.Person;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario of {@link StayModelTest}: three new sites (two in Hanoi's zone, one elsewhere), eight persons, and a
 * random sequence of operations ({@link StayApiOperations}, {@link StayTableOperations}), each applied to the service
 * and to the {@link StayModel}, then checked by {@link StayChecks}, with tracing queries now and then
 * ({@link StayTracing}). Live operations are stamped by the service's clock; visits inserted straight into the table
 * arrive on the scenario's own days of 1998, which no other test uses, so the auto-checkout and the purge can be run
 * at instants of those days and touch nothing but this scenario's visits.
 */
final class StayScenario {

    /** The scenario's own local days of 1998; its straight-inserted visits arrive on them, mostly in the morning. */
    static final int DAYS = 2;
    static final String HANOI = "Asia/Ho_Chi_Minh";
    static final List<String> ZONES = List.of(HANOI, "Asia/Kolkata", "Asia/Tokyo", "Europe/London",
            "America/Los_Angeles");
    private static final List<Integer> STAYS = List.of(30, 90, 240, 720, 1440);
    /** The largest {@code minOverlapMinutes} a tracing query takes (a day). */
    private static final int MAX_MINIMUM = 1440;

    /** What the scenario needs of the service besides its HTTP API. */
    record Beans(AutoCheckout autoCheckout, RetentionPurge purge, CheckoutTokens tokens, DataSource db,
                 VisitRepository visits, int retentionDays) {
    }

    record Place(Api.TestSite site, UUID id, ZoneId zone, Duration stay) {
    }

    final Random random;
    final LocalDate firstDay;
    final Beans beans;
    final String tracer;
    final List<String> log;
    final StayModel model = new StayModel();
    final List<Place> places = new ArrayList<>();
    final List<Person> persons = Person.eight();
    final Api.Staff desk;
    final Instant liveSince;
    private final StayChecks checks = new StayChecks(this);
    private final StayTracing tracing = new StayTracing(this);
    private final StayApiOperations api = new StayApiOperations(this);
    private final StayTableOperations table = new StayTableOperations(this);
    private int step;

    StayScenario(Random random, LocalDate firstDay, Beans beans, String tracer, List<String> log) {
        this.random = random;
        this.firstDay = firstDay;
        this.beans = beans;
        this.tracer = tracer;
        this.log = log;
        String organization = Api.unique("Mô hình lưu trú");
        for (int i = 0; i < 3; i++) {
            String zone = i < 2 ? HANOI : ZONES.get(1 + random.nextInt(ZONES.size() - 1));
            int stay = STAYS.get(random.nextInt(STAYS.size()));
            Api.TestSite site = Api.createSite(Map.of("timeZone", zone, "defaultStayMinutes", stay,
                    "organization", organization));
            places.add(new Place(site, UUID.fromString(site.id()), ZoneId.of(zone), Duration.ofMinutes(stay)));
        }
        desk = Api.reception(places.stream().map(p -> p.site().id()).toArray(String[]::new));
        liveSince = Instant.now();
        places.forEach(p -> log.add("site " + p.id() + " " + p.zone() + " stay " + p.stay().toMinutes() + " min"));
        for (int i = 0; i < persons.size(); i++) {
            log.add("person p" + i + " phone " + persons.get(i).phone() + " id " + persons.get(i).idNumber());
        }
    }

    /**
     * The operations, each followed by the checks of the visit table and the stored days, and by the summary of the
     * scenario's days when it changed them; at the end a tracing query of each kind, the summary around now, and
     * a purge of every visit of 1998 before the last summary.
     */
    void run(int operations) {
        checks.reports(pastFrom(), pastTo(), 2);
        for (step = 1; step <= operations; step++) {
            boolean pastChanged = operation();
            checks.state();
            if (pastChanged) {
                checks.reports(pastFrom(), pastTo(), 1);
            }
        }
        step = 0;
        trace(true);
        trace(false);
        checks.reports(liveFrom(), liveTo(), 2);
        Instant cutoff = model.all().stream().filter(this::isPast).map(s -> s.in().plusMillis(1))
                .max(Comparator.naturalOrder()).orElse(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        table.purgeBefore(cutoff); // the next scenario's jobs must meet none of this one's visits
        assertThat(model.all()).as("visits of 1998 left after the last purge").noneMatch(this::isPast);
        checks.state();
        checks.reports(pastFrom(), pastTo(), 2);
    }

    /** One random operation; answers whether it changed what a report counts on an ended day. */
    private boolean operation() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return api.checkin(pick(persons.stream().filter(p -> p.national() != null).toList()), pick(places));
        }
        if (roll < 25) {
            return api.checkinAgain();
        }
        if (roll < 33) {
            return api.staffEntry(pick(persons), pick(places));
        }
        if (roll < 41) {
            return api.visitorCheckout();
        }
        if (roll < 46) {
            return api.staffCheckout();
        }
        if (roll < 64) {
            return table.insert(false);
        }
        if (roll < 78) {
            return table.insert(true);
        }
        if (roll < 85) {
            return table.autoCheckout();
        }
        if (roll < 88) {
            return table.purge();
        }
        if (roll < 90) {
            return api.changeZone();
        }
        if (roll < 98) {
            trace(random.nextInt(3) > 0);
            return false;
        }
        note("live report");
        checks.reports(liveFrom(), liveTo(), 1);
        return false;
    }

    /**
     * A depth-1 tracing query: in the past, of a person around one of their visits of 1998 (or of anyone over a
     * random window); around now, of anyone, over the live operations' time.
     */
    private void trace(boolean pastWindow) {
        Person person = pick(persons);
        Instant from;
        Instant to;
        int minimum;
        List<Stay> known = model.all().stream().filter(s -> isPast(s) == pastWindow && personOf(s).isPresent())
                .toList();
        Stay visit = !known.isEmpty() && random.nextInt(5) > 0 ? pick(known) : null;
        if (visit != null) {
            person = personOf(visit).orElseThrow();
        }
        if (pastWindow) {
            Instant around = visit != null ? visit.in() : firstDay.atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(random.nextInt((int) Duration.ofDays(DAYS).toSeconds()));
            from = around.minusSeconds(random.nextInt(3 * 3600));
            to = around.plusSeconds(60 + random.nextInt((int) Duration.ofDays(2).toSeconds()));
            minimum = List.of(0, 1, 5, 15, 30).get(random.nextInt(5));
        } else {
            from = liveSince.minusSeconds(random.nextInt(7200)).truncatedTo(ChronoUnit.MILLIS);
            to = Instant.now().plusSeconds(random.nextInt(3600)).truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
            minimum = random.nextBoolean() ? 0 : 1;
        }
        boolean byPhone = visit != null ? visit.phone() != null && (visit.idNumber() == null || random.nextBoolean())
                : person.national() != null && (person.idNumber() == null || random.nextBoolean());
        int buffer = List.of(0, 0, 10, 30).get(random.nextInt(4));
        if (visit != null && random.nextBoolean()) {
            minimum = exactOverlapMinutes(visit, Duration.ofMinutes(buffer)).orElse(minimum);
        }
        note("trace " + who(person) + (byPhone ? " by phone" : " by ID number") + " " + from + ".." + to
                + " min " + minimum + " buffer " + buffer);
        tracing.trace(byPhone ? person.phone() : null, byPhone ? null : person.idNumber(), from, to, minimum, buffer);
    }

    /**
     * A minimum that some closed stay at the visit's site overlaps the visit (and buffer) for exactly, in whole
     * minutes, or 0 when one only touches it: the edges of the overlap rule.
     */
    private Optional<Integer> exactOverlapMinutes(Stay visit, Duration buffer) {
        if (visit.open()) {
            return Optional.empty();
        }
        Instant end = visit.out().plus(buffer);
        List<Integer> exact = model.all().stream()
                .filter(s -> s.siteId().equals(visit.siteId()) && !s.open() && !s.id().equals(visit.id()))
                .map(s -> Duration.between(s.in().isAfter(visit.in()) ? s.in() : visit.in(),
                        s.out().isBefore(end) ? s.out() : end))
                .filter(d -> !d.isNegative() && d.toMillis() % 60_000 == 0 && d.toMinutes() <= MAX_MINIMUM)
                .map(d -> (int) d.toMinutes()).toList();
        return exact.isEmpty() ? Optional.empty() : Optional.of(pick(exact));
    }

    // ---- helpers ----

    LocalDate pastFrom() {
        return firstDay.minusDays(1);
    }

    LocalDate pastTo() {
        return firstDay.plusDays(DAYS + 1);
    }

    LocalDate liveFrom() {
        return LocalDate.ofInstant(liveSince, ZoneOffset.UTC).minusDays(1);
    }

    LocalDate liveTo() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1);
    }

    Place place(UUID siteId) {
        return places.stream().filter(p -> p.id().equals(siteId)).findFirst().orElseThrow();
    }

    List<UUID> siteIds() {
        return places.stream().map(Place::id).toList();
    }

    /** A visit of the scenario's days of 1998, not a live one. */
    boolean isPast(Stay stay) {
        return stay.in().isBefore(liveSince);
    }

    Optional<Person> personOf(Stay stay) {
        return persons.stream().filter(p -> p.owns(stay)).findFirst();
    }

    void note(String line) {
        log.add((step == 0 ? "end" : "#" + step) + " " + line);
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    String who(Person person) {
        return "p" + persons.indexOf(person);
    }

    String name(Place place) {
        return "s" + places.indexOf(place(place.id()));
    }
}
