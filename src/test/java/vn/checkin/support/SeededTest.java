package vn.checkin.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator the property tests draw from: replayable from the seed, and naming it when a case fails. */
class SeededTest {

    @Test
    void aCaseDrawsTheSameValuesWhateverWasDrawnBeforeIt() {
        List<Object> first = draws(Seeded.forCase(SeededTest.class, "stream", 7));
        Seeded.forCase(SeededTest.class, "stream", 6).anyText(0, 500);

        assertThat(draws(Seeded.forCase(SeededTest.class, "stream", 7))).isEqualTo(first);
        assertThat(draws(Seeded.forCase(SeededTest.class, "stream", 8))).isNotEqualTo(first);
        assertThat(draws(Seeded.forCase(SeededTest.class, "other", 7))).isNotEqualTo(first);
    }

    @Test
    void aFailingCaseNamesTheSeedTheCaseAndWhatWasGenerated() {
        Seeded random = Seeded.forCase(SeededTest.class, "orders", 3);

        assertThatThrownBy(() -> random.replayable("order #42", () -> assertThat(1).isEqualTo(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + Seeded.runSeed())
                .hasMessageContaining("SeededTest.orders case 3")
                .hasMessageContaining("-Dtest=SeededTest -Dtest.seed=" + Seeded.runSeed())
                .hasMessageContaining("order #42")
                .hasMessageContaining("expected: 2");
    }

    @Test
    void rangesHoldTheirEndsAndReachThem() {
        Seeded random = Seeded.forCase(SeededTest.class, "ranges", 0);
        List<Integer> ints = IntStream.range(0, 2000).mapToObj(i -> random.between(-3, 3)).toList();
        List<Long> longs = IntStream.range(0, 2000).mapToObj(i -> random.between(0L, Long.MAX_VALUE)).toList();

        assertThat(ints).allMatch(i -> i >= -3 && i <= 3).contains(-3, -2, -1, 0, 1, 2, 3);
        assertThat(longs).allMatch(l -> l >= 0).contains(0L, Long.MAX_VALUE);
        assertThat(IntStream.range(0, 200).mapToObj(i -> random.anyText(0, 5).length()))
                .allMatch(length -> length <= 5).contains(0, 5);
    }

    @Test
    void anyTextHasWhatATextFieldMustSurvive() {
        Seeded random = Seeded.forCase(SeededTest.class, "text", 0);
        String text = String.join("", IntStream.range(0, 50).mapToObj(i -> random.anyText(100, 100)).toList());

        assertThat(text.chars().anyMatch(Character::isISOControl)).as("control characters").isTrue();
        assertThat(text.chars().anyMatch(c -> Character.isSurrogate((char) c))).as("surrogates").isTrue();
        assertThat(text.chars().anyMatch(c -> c > 0x7f && !Character.isSurrogate((char) c))).as("non-ASCII").isTrue();
        assertThat(text.codePoints().anyMatch(Character::isSupplementaryCodePoint)).as("beyond the BMP").isTrue();
    }

    private static List<Object> draws(Seeded random) {
        List<Object> values = new ArrayList<>();
        values.add(random.anyInt());
        values.add(random.anyLong());
        values.add(random.anyDouble());
        values.add(random.between(0, 1_000_000));
        values.add(random.anyText(0, 50));
        values.add(random.listOf(0, 5, () -> random.oneOf("a", "b", "c")));
        return values;
    }
}
