package vn.checkin.common;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The form in which lists search text: lower case, without diacritics ("Nguyễn Văn Đức" is "nguyen van duc"), runs
 * of white space as one space. The database keeps each searchable row's text in this form (a {@code search_text}
 * column, V18: PostgreSQL's {@code search_normalise()} does the same steps in SQL; H2 calls this class), and a
 * query's {@code q} is put in the same form, so {@code nguyen van an} finds {@code Nguyễn Văn An}.
 *
 * <p>The steps, identical on both sides: Unicode NFD, drop the combining diacritical marks U+0300–U+036F (every
 * Vietnamese tone and vowel mark is one), Đ and đ to d (đ is a letter of its own, not d with a mark), lower case
 * letter by letter (as PostgreSQL's {@code lower()} does: no final-sigma rule), white space ({@code [ \t\n\x0B\f\r]}) runs to one space, no space at either end.
 */
public final class SearchText {

    /** The longest {@code q} a list accepts. */
    public static final int MAX_QUERY = 100;

    /** Separates the fields of a stored search text; never part of a normalised query, so no match spans two. */
    public static final String FIELD_SEPARATOR = "\n";

    private static final Pattern MARKS = Pattern.compile("[\\u0300-\\u036f]+");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");
    private static final char LIKE_ESCAPE = '!';

    private SearchText() {
    }

    /** {@code text} in search form; null stays null. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder lower = new StringBuilder(bare.length());
        bare.replace('Đ', 'd').replace('đ', 'd').codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
        String spaced = SPACES.matcher(lower).replaceAll(" ");
        int start = spaced.startsWith(" ") ? 1 : 0;
        int end = spaced.length() > start && spaced.endsWith(" ") ? spaced.length() - 1 : spaced.length();
        return spaced.substring(start, end);
    }

    /** The stored search text of a row: each field normalised, absent ones empty, joined by {@link #FIELD_SEPARATOR}. */
    public static String of(String... fields) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(FIELD_SEPARATOR);
            }
            text.append(fields[i] == null ? "" : normalise(fields[i]));
        }
        return text.toString();
    }

    /**
     * A LIKE pattern finding {@code query} anywhere in a stored search text, with {@code %} and {@code _} taken
     * literally (escaped with {@code !}: write {@code like :pattern escape '!'}); null for a blank query, which
     * filters nothing.
     */
    public static String containsPattern(String query) {
        String text = normalise(query);
        if (text == null || text.isEmpty()) {
            return null;
        }
        StringBuilder pattern = new StringBuilder("%");
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                pattern.append(LIKE_ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
