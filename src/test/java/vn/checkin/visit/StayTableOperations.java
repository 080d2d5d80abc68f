package vn.checkin.visit;

import vn.checkin.ops.RetentionPurge;
import vn.checkin.support.Visits;
import vn.checkin.visit.StayModel.Flags;
import vn.checkin.visit.StayModel.Stay;
import vn.checkin.visit.StayScenario.Place;
import vn.checkin.visit.StayVisitors.Keys;
import vn.checkin.visit.StayVisitors.Person;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations of {@link StayScenario} on the visit table itself, all on the scenario's days of 1998: visits
 * inserted straight (with the test's {@link Visits} builder), the auto-checkout and the retention purge at instants
 * of those days. Each answers whether it changed what a report counts on an ended day.
 */
final class StayTableOperations {

    /**
     * A third of the straight inserts are plain SQL, without {@code person_hash}: the database derives it (V15), as
     * it must for rows loaded from elsewhere. {@code -Dtest.sqlLoads=false} inserts every row through the entity.
     */
    private static final boolean SQL_LOADS = !"false".equals(System.getProperty("test.sqlLoads"));

    private final StayScenario scenario;

    StayTableOperations(StayScenario scenario) {
        this.scenario = scenario;
    }

    /**
     * A visit of 1998 written straight into the table, now and then of no one (no phone, no ID number). An open one
     * sharing a phone or an ID number with an open visit at its site must be refused by the database (23505) and
     * leave nothing behind; a third of the open ones are aimed at someone on site to make sure of it.
     */
    boolean insert(boolean open) {
        Person person = scenario.pick(scenario.persons);
        List<Place> places = scenario.places;
        Place place = places.get(scenario.random.nextBoolean() ? 0 : scenario.random.nextInt(places.size()));
        if (open && scenario.random.nextInt(3) == 0) {
            List<Stay> onSite = scenario.model.all().stream().filter(s -> s.open() && scenario.personOf(s).isPresent())
                    .toList();
            if (!onSite.isEmpty()) {
                Stay other = scenario.pick(onSite);
                person = scenario.personOf(other).orElseThrow();
                place = scenario.place(other.siteId());
            }
        }
        Keys keys = scenario.random.nextInt(20) == 0 ? Keys.ANONYMOUS : person.present(scenario.random, false);
        Instant in = pastInstant(place);
        boolean fever = scenario.random.nextInt(4) == 0;
        boolean auto = !open && scenario.random.nextInt(5) == 0;
        Instant out = open ? null : auto ? in.plus(place.stay()) : in.plus(stayLength());
        Place at = place;
        List<Stay> neighbours = scenario.model.all().stream()
                .filter(s -> s.siteId().equals(at.id()) && !s.open() && s.out().isBefore(scenario.liveSince)).toList();
        if (!auto && !neighbours.isEmpty() && scenario.random.nextInt(6) == 0) {
            // Touching another stay: arriving as it ends, or (closed) leaving as it begins. Touching is no contact.
            Stay neighbour = scenario.pick(neighbours);
            boolean after = open || scenario.random.nextBoolean();
            Duration length = out == null ? null : Duration.between(in, out);
            in = after ? neighbour.out() : neighbour.in().minus(length);
            out = open ? null : in.plus(length);
        }
        Stay expected = new Stay(null, place.id(), keys.phone(), keys.idNumber(), in, out,
                open ? null : auto ? StayModel.AUTO : StayModel.VISITOR, keys.spelling() == null ? "STAFF" : "QR",
                fever ? Flags.FEVER_AND_COUGH : Flags.NONE);
        String what = "insert " + (open ? "open" : "closed") + " " + scenario.who(person) + " " + keys + " at "
                + scenario.name(place) + " " + in + ".." + out;
        boolean allowed = scenario.model.insertAllowed(expected);
        boolean bySql = SQL_LOADS && scenario.random.nextInt(3) == 0;
        String stored;
        try {
            stored = bySql ? load(place, expected, person.name())
                    : store(place, keys, person.name(), fever, in, out, auto).id();
        } catch (RuntimeException refused) {
            scenario.note(what + " -> refused " + sqlState(refused));
            assertThat(allowed).as("the database refused an insert the rules allow: %s", refused).isFalse();
            assertThat(sqlState(refused)).as("a second open visit is a unique violation").isEqualTo("23505");
            return false;
        }
        scenario.note(what + (bySql ? " with plain SQL" : "") + " -> " + stored);
        assertThat(allowed).as("the database took a second open visit of %s at %s", keys, scenario.name(place))
                .isTrue();
        scenario.model.insert(new Stay(UUID.fromString(stored), expected.siteId(), expected.phone(),
                expected.idNumber(), in, out, expected.source(), expected.entry(), expected.flags()));
        return true;
    }

    private static Visits.TestVisit store(Place place, Keys keys, String name, boolean fever, Instant in, Instant out,
                                          boolean auto) {
        Visits.Builder builder = keys.spelling() == null ? Visits.visitWithoutPhone(place.site())
                : Visits.visit(place.site(), keys.spelling());
        if (keys.idNumber() != null) {
            builder.idNumber(keys.idNumber());
        }
        if (fever) {
            builder.withFever();
        }
        builder.named(name).from(in.toString());
        return out == null ? builder.stillOnSite() : auto ? builder.autoClosedAt(out.toString())
                : builder.to(out.toString());
    }

    /**
     * The visit loaded with plain SQL, as a data load would: only the columns a visit has in the contract, nothing
     * the service derives (its person key, {@code person_hash}, included).
     */
    private String load(Place place, Stay visit, String name) {
        UUID id = UUID.randomUUID();
        try (Connection connection = scenario.beans.db().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into visit (id, site_id, full_name, phone, id_number, close_contact, outbreak_area,
                         flag_fever, flag_symptoms, flag_close_contact, flag_outbreak_area, flagged, consent_at,
                         checked_in_at, checked_out_at, checkout_source, entry_source)
                     values (?, ?, ?, ?, ?, false, false, ?, ?, false, false, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, place.id());
            insert.setString(3, name);
            insert.setString(4, visit.phone());
            insert.setString(5, visit.idNumber());
            insert.setBoolean(6, visit.flags().fever());
            insert.setBoolean(7, visit.flags().symptoms());
            insert.setBoolean(8, visit.flags().any());
            insert.setObject(9, visit.in().atOffset(ZoneOffset.UTC));
            insert.setObject(10, visit.in().atOffset(ZoneOffset.UTC));
            if (visit.out() == null) {
                insert.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                insert.setObject(11, visit.out().atOffset(ZoneOffset.UTC));
            }
            insert.setString(12, visit.source());
            insert.setString(13, visit.entry());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not load a visit", e);
        }
        return id.toString();
    }

    /** The auto-checkout at an instant of the scenario's days: often just at (or 1 ms before) a visit's due time. */
    boolean autoCheckout() {
        List<Stay> open = scenario.model.all().stream().filter(s -> s.open() && scenario.isPast(s)).toList();
        Instant at;
        if (!open.isEmpty() && scenario.random.nextInt(4) > 0) {
            Stay due = scenario.pick(open);
            at = due.in().plus(scenario.place(due.siteId()).stay()).minusMillis(scenario.random.nextBoolean() ? 0 : 1);
        } else {
            at = start().plusMillis((long) (scenario.random.nextDouble()
                    * Duration.ofDays(StayScenario.DAYS + 2).toMillis()));
        }
        List<Stay> expected = scenario.model.autoCheckout(at, id -> scenario.place(id).stay());
        int closed = scenario.beans.autoCheckout().closeOverdue(at);
        scenario.note("auto-checkout at " + at + " -> " + closed + " closed, expected " + expected);
        assertThat(closed).as("visits the auto-checkout closed").isEqualTo(expected.size());
        return closed > 0;
    }

    /** The retention purge at a cutoff among the scenario's days, often an arrival (which stays: before only). */
    boolean purge() {
        List<Stay> past = scenario.model.all().stream().filter(scenario::isPast).toList();
        Instant cutoff = !past.isEmpty() && scenario.random.nextBoolean() ? scenario.pick(past).in()
                : start().plusMillis((long) (scenario.random.nextDouble() * Duration.ofDays(StayScenario.DAYS).toMillis()));
        purgeBefore(cutoff);
        return true;
    }

    /** Purges at the instant whose retention cutoff is {@code cutoff}: the visits that arrived before it go. */
    void purgeBefore(Instant cutoff) {
        List<Stay> expected = scenario.model.purge(cutoff);
        RetentionPurge.Result result = scenario.beans.purge()
                .purge(cutoff.plus(Duration.ofDays(scenario.beans.retentionDays())));
        scenario.note("purge before " + cutoff + " -> " + result.visitsDeleted() + " deleted, expected "
                + expected.size());
        assertThat(result.visitsBefore()).isEqualTo(cutoff);
        assertThat(result.visitsDeleted()).as("visits purged").isEqualTo(expected.size());
    }

    private Instant start() {
        return scenario.firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * An arrival on one of the scenario's local days at the site: mostly a busy morning (so that stays overlap),
     * often on a whole minute (so that overlaps of exactly the minimum occur), sometimes any time of the day, on the
     * stroke of a local midnight or in its last second.
     */
    private Instant pastInstant(Place place) {
        LocalDate day = scenario.firstDay.plusDays(scenario.random.nextInt(StayScenario.DAYS));
        int millis = scenario.random.nextBoolean() ? 0 : scenario.random.nextInt(1000);
        LocalTime time = switch (scenario.random.nextInt(10)) {
            case 0 -> LocalTime.MIDNIGHT;
            case 1 -> LocalTime.of(23, 59, 59).plusNanos(1_000_000L * scenario.random.nextInt(1000));
            case 2 -> LocalTime.ofSecondOfDay(scenario.random.nextInt(24 * 3600)).plusNanos(1_000_000L * millis);
            case 3, 4, 5 -> LocalTime.of(8, 0).plusMinutes(scenario.random.nextInt(24) * 5L);
            default -> LocalTime.of(8, 0).plusSeconds(scenario.random.nextInt(2 * 3600)).plusNanos(1_000_000L * millis);
        };
        return day.atTime(time).atZone(place.zone()).toInstant();
    }

    /** Minutes to hours (often a multiple of five minutes), sometimes nothing, a few milliseconds, or over a day. */
    private Duration stayLength() {
        return switch (scenario.random.nextInt(10)) {
            case 0 -> Duration.ZERO;
            case 1 -> Duration.ofHours(20 + scenario.random.nextInt(30));
            case 2 -> Duration.ofMillis(1 + scenario.random.nextInt(20 * 60_000));
            case 3, 4, 5 -> Duration.ofMinutes(5 + 5L * scenario.random.nextInt(24));
            default -> Duration.ofSeconds(600 + scenario.random.nextInt(3 * 3600))
                    .plusMillis(scenario.random.nextInt(1000));
        };
    }

    /** The SQL state a refused insert carries, wherever in its causes the driver's exception is. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                String state = sqlState(suppressed);
                if (state != null) {
                    return state;
                }
            }
        }
        return null;
    }
}
