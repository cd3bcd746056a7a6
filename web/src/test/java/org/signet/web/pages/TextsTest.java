package org.signet.web.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every text a page names exists, in English and in German alike: a missing key shows as "???key???" in the page. */
class TextsTest {

    private static final Pattern USED = Pattern.compile("text\\['([A-Za-z.]+)'\\]");
    private static final Pattern USED_BY_CODE = Pattern.compile("Pages\\.(?:text\\([^,]+, |noFile\\()\"([A-Za-z.]+)\"\\)");

    @Test
    void germanAndEnglishHaveTheSameTexts() throws IOException {
        assertEquals(bundle("Texts.properties").stringPropertyNames(), bundle("Texts_de.properties").stringPropertyNames());
        assertTrue(bundle("Texts_en.properties").isEmpty(), "English lives in Texts.properties, the fallback for every language");
    }

    /** Properties.load keeps the last of two equal keys: the first text would never show. */
    @Test
    void noKeyIsGivenTwice() throws IOException {
        for (String name : new String[] {"Texts.properties", "Texts_de.properties"}) {
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            try (InputStream in = TextsTest.class.getResourceAsStream(name)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int equals = line.indexOf('=');
                    if (!line.isBlank() && !line.startsWith("#") && equals > 0 && !seen.add(line.substring(0, equals).strip())) {
                        twice.add(line.substring(0, equals).strip());
                    }
                }
            }
            assertTrue(twice.isEmpty(), name + " gives these keys twice: " + twice);
        }
    }

    @Test
    void everyTextAPageOrBeanNamesExists() throws IOException {
        Set<String> known = bundle("Texts.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/webapp")), Files.walk(Path.of("src/main/java")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xhtml") || f.toString().endsWith(".java")).toList()) {
                String content = Files.readString(file);
                for (Pattern pattern : new Pattern[] {USED, USED_BY_CODE}) {
                    Matcher m = pattern.matcher(content);
                    while (m.find()) {
                        if (!m.group(1).endsWith(".") && !known.contains(m.group(1))) {
                            missing.add(file.getFileName() + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "texts named but not in Texts.properties: " + missing);
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
