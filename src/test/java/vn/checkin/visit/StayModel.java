package vn.checkin.visit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * What {@link StayModelTest} expects the visit table of its sites to hold after each operation, worked out from the
 * README's rules alone: one open visit per normalised phone and per ID number at a site, an arrival through the
 * service closing the earlier open stays of the same phone or ID number at that arrival (AUTO), the first end of a
 * visit standing, the auto-checkout closing at arrival plus the site's default stay, the purge deleting arrivals
 * before its cutoff, and a straight insert of a second open visit refused.
 */
final class StayModel {

    static final String VISITOR = "VISITOR";
    static final String STAFF = "STAFF";
    static final String AUTO = "AUTO";

    /** The risk flags a visit carries; {@code flagged} is any of them. */
    record Flags(boolean fever, boolean symptoms, boolean closeContact, boolean outbreakArea) {
        static final Flags NONE = new Flags(false, false, false, false);
        static final Flags FEVER_AND_COUGH = new Flags(true, true, false, false);

        boolean any() {
            return fever || symptoms || closeContact || outbreakArea;
        }
    }

    /** One visit as the model knows it: the columns the rules decide. */
    record Stay(UUID id, UUID siteId, String phone, String idNumber, Instant in, Instant out, String source,
                String entry, Flags flags) {

        boolean open() {
            return out == null;
        }

        /** Whether this stay has the normalised phone or the ID number given (the one-open-visit keys). */
        boolean shares(String otherPhone, String otherIdNumber) {
            return (phone != null && phone.equals(otherPhone)) || (idNumber != null && idNumber.equals(otherIdNumber));
        }

        Stay endedAt(Instant at, String by) {
            return new Stay(id, siteId, phone, idNumber, in, at, by, entry, flags);
        }

        @Override
        public String toString() {
            return shortId(id) + "[" + (phone == null ? "-" : phone) + "/"
                    + (idNumber == null ? "-" : idNumber) + " " + in + ".." + (out == null ? "open" : out + " " + source)
                    + " " + entry + (flags.any() ? " flagged" : "") + "]";
        }
    }

    /** The random end of a visit id (the start of a time-ordered one is its time), for logs. */
    static String shortId(UUID id) {
        return id == null ? "?" : id.toString().substring(24);
    }

    private final Map<UUID, Stay> stays = new LinkedHashMap<>();
    private final List<UUID> deleted = new ArrayList<>();

    Collection<Stay> all() {
        return stays.values();
    }

    Stay get(UUID id) {
        return stays.get(id);
    }

    /** Visits the purge deleted (a checkout of one answers 404). */
    List<UUID> deleted() {
        return deleted;
    }

    /** The open stays at {@code siteId} with this phone or this ID number. */
    List<Stay> openOf(UUID siteId, String phone, String idNumber) {
        return stays.values().stream().filter(s -> s.open() && s.siteId().equals(siteId) && s.shares(phone, idNumber))
                .toList();
    }

    /**
     * An arrival through the service (QR check-in or staff entry): the earlier open stays of the same phone or ID
     * number at the site end at the new arrival (or at their own, were it later), as AUTO. Returns them.
     */
    List<Stay> arrive(Stay arriving) {
        List<Stay> closed = new ArrayList<>();
        for (Stay earlier : openOf(arriving.siteId(), arriving.phone(), arriving.idNumber())) {
            Instant at = earlier.in().isAfter(arriving.in()) ? earlier.in() : arriving.in();
            Stay ended = earlier.endedAt(at, AUTO);
            stays.put(ended.id(), ended);
            closed.add(ended);
        }
        stays.put(arriving.id(), arriving);
        return closed;
    }

    /** Whether the database takes this visit inserted straight: an open one must not share a key with another. */
    boolean insertAllowed(Stay inserted) {
        return !inserted.open() || openOf(inserted.siteId(), inserted.phone(), inserted.idNumber()).isEmpty();
    }

    void insert(Stay inserted) {
        stays.put(inserted.id(), inserted);
    }

    /** A checkout: ends the stay unless it has ended already. Returns the stay as it then stands. */
    Stay end(UUID id, Instant at, String by) {
        Stay stay = Objects.requireNonNull(stays.get(id), "no such stay in the model");
        if (stay.open()) {
            stay = stay.endedAt(at, by);
            stays.put(id, stay);
        }
        return stay;
    }

    /** The auto-checkout at {@code now}: open stays that arrived at least their site's stay before it. */
    List<Stay> autoCheckout(Instant now, Function<UUID, Duration> stayAt) {
        List<Stay> closed = new ArrayList<>();
        for (Stay stay : List.copyOf(stays.values())) {
            Duration length = stayAt.apply(stay.siteId());
            if (stay.open() && !stay.in().isAfter(now.minus(length))) {
                Stay ended = stay.endedAt(stay.in().plus(length), AUTO);
                stays.put(ended.id(), ended);
                closed.add(ended);
            }
        }
        return closed;
    }

    /** The retention purge: every visit that arrived before {@code cutoff} goes. */
    List<Stay> purge(Instant cutoff) {
        List<Stay> gone = stays.values().stream().filter(s -> s.in().isBefore(cutoff)).toList();
        gone.forEach(s -> {
            stays.remove(s.id());
            deleted.add(s.id());
        });
        return gone;
    }

    /** The stays in a stable order, for messages. */
    List<Stay> sorted() {
        return stays.values().stream().sorted(Comparator.comparing(Stay::in).thenComparing(Stay::id)).toList();
    }
}
