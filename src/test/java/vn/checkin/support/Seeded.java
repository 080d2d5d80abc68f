package vn.checkin.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Random test cases that can be replayed. Every case draws from its own generator, seeded from the run's seed,
 * the test's name and the case's number, so a case comes out the same whatever ran before it. The run's seed is
 * {@code -Dtest.seed=N}, else drawn at random; a failing case names it, and its number, in the failure:
 * <pre>
 * int n = ...;                                   // e.g. from a @MethodSource of case numbers
 * Seeded random = Seeded.forCase(MyTest.class, "orders", n);
 * Order order = new Order(random.between(1, 9), random.anyText(0, 40));
 * random.replayable(order, () -> check(order)); // an AssertionError naming the seed, the case and the order
 * </pre>
 * Values near the ends of a range come up more often than a uniform draw would give them (one draw in eight is
 * an end), as a shrinking property-test library would find them.
 */
public final class Seeded {

    public static final String PROPERTY = "test.seed";

    private final long runSeed;
    private final String test;
    private final int number;
    private final SplittableRandom random;

    private Seeded(long runSeed, String test, int number) {
        this.runSeed = runSeed;
        this.test = test;
        this.number = number;
        this.random = new SplittableRandom(runSeed ^ (0x9E3779B97F4A7C15L * (test.hashCode() + 31L * number + 1)));
    }

    /** Case {@code number} of the stream called {@code stream} (several streams may share a test class). */
    public static Seeded forCase(Class<?> testClass, String stream, int number) {
        return new Seeded(runSeed(), testClass.getSimpleName() + "." + stream, number);
    }

    /**
     * {@code -Dtest.seed}, or one drawn now and kept in that property: a {@code @QuarkusTest} class is loaded
     * twice (JUnit's class loader and Quarkus'), and both copies have to see the same seed.
     */
    public static long runSeed() {
        synchronized (System.getProperties()) {
            String given = System.getProperty(PROPERTY);
            if (given == null || given.isBlank()) {
                given = Long.toString(ThreadLocalRandom.current().nextLong());
                System.setProperty(PROPERTY, given);
            }
            return Long.parseLong(given.trim());
        }
    }

    /** Where this case comes from and how to run it again. */
    public String describe() {
        String testClass = test.substring(0, test.indexOf('.'));
        return "seed " + runSeed + ", " + test + " case " + number
                + " (replay: mvn test -Dtest=" + testClass + " -D" + PROPERTY + "=" + runSeed + ")";
    }

    /** Runs the check; a failure becomes an AssertionError naming the seed, the case and {@code generated}. */
    public void replayable(Object generated, Check check) {
        try {
            check.run();
        } catch (Throwable failure) {
            throw new AssertionError("Failed with " + describe() + "\n  generated: " + generated
                    + "\n  failure: " + failure, failure);
        }
    }

    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** From {@code min} to {@code max}, both included; an end one draw in eight. */
    public int between(int min, int max) {
        return (int) between((long) min, max);
    }

    public long between(long min, long max) {
        if (random.nextInt(8) == 0) {
            return random.nextBoolean() ? min : max;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /** Any int, with 0, ±1 and the extremes often. */
    public int anyInt() {
        return random.nextInt(8) == 0 ? oneOf(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : random.nextInt();
    }

    public long anyLong() {
        return random.nextInt(8) == 0 ? oneOf(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE) : random.nextLong();
    }

    /** Any double: tiny, huge, negative, the special values (NaN and the infinities) among them. */
    public double anyDouble() {
        return switch (random.nextInt(6)) {
            case 0 -> oneOf(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            case 1 -> random.nextDouble(-100, 100);
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** {@code null} with this probability, else the supplied value. */
    public <T> T orNull(double probability, Supplier<T> value) {
        return chance(probability) ? null : value.get();
    }

    public <T> List<T> listOf(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** Characters from {@code alphabet} only. */
    public String text(String alphabet, int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A printable ASCII character other than {@code not}. */
    public char asciiOtherThan(char not) {
        char c;
        do {
            c = (char) random.nextInt(0x20, 0x7f);
        } while (c == not);
        return c;
    }

    /**
     * Any UTF-16 text of this many chars: ASCII, control characters, NUL, Vietnamese letters, the rest of
     * the BMP, pairs for characters beyond it and lone surrogate halves (which are not valid Unicode).
     */
    public String anyText(int minLength, int maxLength) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(7)) {
                case 0, 1 -> text.append((char) random.nextInt(0x20, 0x7f));
                case 2 -> text.append((char) random.nextInt(0, 0x20));
                case 3 -> text.append(oneOf('ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'ế', 'Ữ', '\u0300', '\u00a0', '\u200b'));
                case 4 -> text.append((char) random.nextInt(0x80, 0xd800));
                case 5 -> text.append((char) random.nextInt(0xd800, 0xe000));
                default -> {
                    if (text.length() + 2 <= length) {
                        text.appendCodePoint(random.nextInt(0x10000, 0x110000));
                    } else {
                        text.append((char) random.nextInt(0xe000, 0x10000));
                    }
                }
            }
        }
        return text.toString();
    }
}
