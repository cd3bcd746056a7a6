package org.signet.signing;

import org.signet.signing.PdfObjects.Name;
import org.signet.signing.PdfObjects.Ref;
import org.signet.signing.PdfObjects.Token;
import org.signet.signing.PdfObjects.Unsupported;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PDF's lexical level over a byte range: white space, comments, and the values of 7.3. The range is the whole data
 * ({@code complete}) or a window of a file read in pieces, where a value that reaches the window's end is
 * {@link MoreData}: the caller reads a larger window, never a value cut short.
 */
final class PdfLexer {

    /** The window ends before what is being read; thrown only when the range is not the whole data. */
    static final class MoreData extends RuntimeException {
        MoreData() {
            super("the window ends", null, false, false);
        }
    }

    /** Arrays and dictionaries nested deeper than this are refused (a stack overflow is not an answer). */
    private static final int MAX_DEPTH = 64;

    private final byte[] data;
    private final int end;
    private final boolean complete;
    private int at;

    PdfLexer(byte[] data, int from, int end) {
        this(data, from, end, true);
    }

    PdfLexer(byte[] data, int from, int end, boolean complete) {
        this.data = data;
        this.at = from;
        this.end = end;
        this.complete = complete;
    }

    private boolean atEnd() {
        return dataEndsAt(at);
    }

    /** Whether position {@code i} is past the data; in a window, past its end means more is needed. */
    private boolean dataEndsAt(int i) {
        if (i < end) {
            return false;
        }
        if (!complete) {
            throw new MoreData();
        }
        return true;
    }

    int position() {
        return at;
    }

    private static boolean white(int b) {
        return b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32;
    }

    private static boolean delimiter(int b) {
        return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
                || b == '/' || b == '%';
    }

    private void skipSpace() throws Unsupported {
        while (at < end) {
            int b = data[at];
            if (white(b)) {
                at++;
            } else if (b == '%') {
                while (at < end && data[at] != '\n' && data[at] != '\r') {
                    at++;
                }
            } else {
                return;
            }
        }
        atEnd(); // in a window: more is needed
        throw new Unsupported("the data ends early");
    }

    private String regular() {
        int start = at;
        while (at < end && !white(data[at]) && !delimiter(data[at])) {
            at++;
        }
        atEnd(); // a word cut by a window's end is not the word
        return new String(data, start, at - start, StandardCharsets.ISO_8859_1);
    }

    String keyword() throws Unsupported {
        skipSpace();
        String word = regular();
        if (word.isEmpty()) {
            throw new Unsupported("a keyword expected at " + at);
        }
        return word;
    }

    /** Consumes the keyword if it comes next. */
    boolean atKeyword(String keyword) throws Unsupported {
        int mark = at;
        if (at < end) {
            skipSpace();
            if (regular().equals(keyword)) {
                return true;
            }
        }
        at = mark;
        return false;
    }

    /** Whether the comment comes next (%%EOF is one). */
    boolean atComment(String comment) {
        while (at < end && white(data[at])) {
            at++;
        }
        byte[] expected = comment.getBytes(StandardCharsets.US_ASCII);
        if (!complete && at + expected.length > end) {
            throw new MoreData();
        }
        return at + expected.length <= end && Arrays.equals(data, at, at + expected.length, expected, 0, expected.length);
    }

    long integer() throws Unsupported {
        skipSpace();
        String word = regular();
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new Unsupported("an integer expected at " + at + ", found '" + word + "'");
        }
    }

    Object value(int depth) throws Unsupported {
        if (depth > MAX_DEPTH) {
            throw new Unsupported("objects nested too deep");
        }
        skipSpace();
        int b = data[at];
        if (b == '/') {
            at++;
            return new Name("/" + regular());
        }
        if (b == '<' && at + 1 < end && data[at + 1] == '<') {
            at += 2;
            Map<String, Object> dictionary = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (data[at] == '>' && at + 1 < end && data[at + 1] == '>') {
                    at += 2;
                    return dictionary;
                }
                if (!(value(depth + 1) instanceof Name key) || key.written().indexOf('#') >= 0) {
                    throw new Unsupported("a dictionary key that is not a plain name");
                }
                if (dictionary.put(key.written().substring(1), value(depth + 1)) != null) {
                    throw new Unsupported("a dictionary with the key " + key.written() + " twice");
                }
            }
        }
        if (b == '<') {
            int start = at;
            while (data[at] != '>') {
                at++;
            }
            at++;
            return new Token(new String(data, start, at - start, StandardCharsets.ISO_8859_1));
        }
        if (b == '(') {
            int start = at;
            int open = 0;
            do {
                if (data[at] == '\\') {
                    at++;
                } else if (data[at] == '(') {
                    open++;
                } else if (data[at] == ')') {
                    open--;
                }
                at++;
            } while (open > 0);
            return new Token(new String(data, start, at - start, StandardCharsets.ISO_8859_1));
        }
        if (b == '[') {
            at++;
            List<Object> array = new ArrayList<>();
            while (true) {
                skipSpace();
                if (data[at] == ']') {
                    at++;
                    return array;
                }
                array.add(value(depth + 1));
            }
        }
        String word = regular();
        if (word.isEmpty()) {
            throw new Unsupported("unexpected '" + (char) b + "' at " + at);
        }
        if (word.equals("true") || word.equals("false") || word.equals("null")) {
            return new Token(word);
        }
        if (!isNumber(word)) {
            throw new Unsupported("unexpected '" + word + "' at " + at);
        }
        if (word.chars().allMatch(Character::isDigit)) {
            int mark = at;
            if (skipSpaceIfAny()) {
                String generation = regular();
                if (!generation.isEmpty() && generation.chars().allMatch(Character::isDigit) && skipSpaceIfAny()
                        && at < end && data[at] == 'R' && (dataEndsAt(at + 1) || white(data[at + 1]) || delimiter(data[at + 1]))) {
                    at++;
                    return new Ref(Integer.parseInt(word), Integer.parseInt(generation));
                }
            }
            at = mark;
        }
        return new Token(word);
    }

    private boolean skipSpaceIfAny() {
        int start = at;
        while (at < end && white(data[at])) {
            at++;
        }
        return at > start && !atEnd();
    }

    private static boolean isNumber(String word) {
        int digits = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c == '.' || ((c == '+' || c == '-') && i == 0))) {
                return false;
            }
        }
        return digits > 0;
    }
}
