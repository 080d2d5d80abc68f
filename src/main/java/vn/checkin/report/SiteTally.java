package vn.checkin.report;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;

import static vn.checkin.report.ReportViews.FlagCounts;

/**
 * What a summary counts for one site over some days: check-ins, flagged declarations by kind, automatic
 * checkouts, and the persons (their 64-bit keys) for the distinct counts. Keys are gathered unsorted and made
 * distinct once, when asked; a merged period of a million visits sorts in well under a second.
 */
final class SiteTally {

    long checkIns;
    long flagged;
    long fever;
    long symptoms;
    long closeContact;
    long outbreakArea;
    long autoClosed;
    private long[] persons = new long[4];
    private int size;
    private boolean distinct = true;

    /** One visit. */
    void add(Long person, boolean isFlagged, boolean isFever, boolean isSymptoms, boolean isCloseContact,
             boolean isOutbreakArea, boolean isAutoClosed) {
        checkIns++;
        flagged += isFlagged ? 1 : 0;
        fever += isFever ? 1 : 0;
        symptoms += isSymptoms ? 1 : 0;
        closeContact += isCloseContact ? 1 : 0;
        outbreakArea += isOutbreakArea ? 1 : 0;
        autoClosed += isAutoClosed ? 1 : 0;
        if (person != null) {
            addPerson(person);
        }
    }

    /** Another tally of the same site (another day) or of another site (for the totals). */
    void add(SiteTally other) {
        checkIns += other.checkIns;
        flagged += other.flagged;
        fever += other.fever;
        symptoms += other.symptoms;
        closeContact += other.closeContact;
        outbreakArea += other.outbreakArea;
        autoClosed += other.autoClosed;
        addPersons(other.persons, other.size);
    }

    /** Counts stored for a day, with its persons as {@link #personBytes()} wrote them. */
    void addStored(long storedCheckIns, long storedFlagged, FlagCounts flags, long storedAutoClosed, byte[] keys) {
        checkIns += storedCheckIns;
        flagged += storedFlagged;
        fever += flags.fever();
        symptoms += flags.symptoms();
        closeContact += flags.closeContact();
        outbreakArea += flags.outbreakArea();
        autoClosed += storedAutoClosed;
        ByteBuffer buffer = ByteBuffer.wrap(keys);
        long[] read = new long[keys.length / Long.BYTES];
        for (int i = 0; i < read.length; i++) {
            read[i] = buffer.getLong();
        }
        addPersons(read, read.length);
    }

    FlagCounts flags() {
        return new FlagCounts(fever, symptoms, closeContact, outbreakArea);
    }

    long uniqueVisitors() {
        makeDistinct();
        return size;
    }

    /** The distinct persons, sorted, 8 bytes each: the stored form of a day. */
    byte[] personBytes() {
        makeDistinct();
        ByteBuffer buffer = ByteBuffer.allocate(size * Long.BYTES);
        for (int i = 0; i < size; i++) {
            buffer.putLong(persons[i]);
        }
        return buffer.array();
    }

    /** The tallies of several sites as one: distinct persons across all of them. */
    static SiteTally total(Collection<SiteTally> tallies) {
        SiteTally total = new SiteTally();
        int keys = tallies.stream().mapToInt(t -> t.size).sum();
        total.persons = new long[Math.max(4, keys)];
        tallies.forEach(total::add);
        return total;
    }

    private void addPerson(long person) {
        if (size == persons.length) {
            persons = Arrays.copyOf(persons, size * 2);
        }
        persons[size++] = person;
        distinct = false;
    }

    private void addPersons(long[] keys, int count) {
        if (count == 0) {
            return;
        }
        if (size + count > persons.length) {
            persons = Arrays.copyOf(persons, Math.max(size + count, size * 2));
        }
        System.arraycopy(keys, 0, persons, size, count);
        size += count;
        distinct = false;
    }

    private void makeDistinct() {
        if (distinct) {
            return;
        }
        Arrays.sort(persons, 0, size);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || persons[i] != persons[kept - 1]) {
                persons[kept++] = persons[i];
            }
        }
        size = kept;
        distinct = true;
    }
}
