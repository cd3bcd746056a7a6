package org.signet.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member of an answer's JSON, read as a test reads it: the first one of that name. */
final class JsonFields {

    private JsonFields() { }

    static long number(String json, String member) {
        Matcher value = Pattern.compile("\"" + member + "\":(\\d+)").matcher(json);
        assertTrue(value.find(), member + " in " + json);
        return Long.parseLong(value.group(1));
    }

    static String text(String json, String member) {
        Matcher value = Pattern.compile("\"" + member + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(value.find(), member + " in " + json);
        return value.group(1);
    }
}
