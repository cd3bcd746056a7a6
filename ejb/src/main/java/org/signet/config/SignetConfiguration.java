package org.signet.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Signet's settings, read from system properties (set them with the WildFly CLI:
 * {@code /system-property=signet.max-document-size:add(value=200M)}) and checked when the application starts,
 * so that a typo stops the deployment with a message naming the property instead of failing a request later.
 *
 * @param dataDirectory     where Signet keeps its tokens, trust anchors and demo files
 * @param maxDocumentBytes  the largest document or signature accepted by any face
 * @param createDemo        create the demo CA, seal and user on first start (off in production)
 */
public record SignetConfiguration(Path dataDirectory, long maxDocumentBytes, boolean createDemo) {

    public static final String DATA_DIRECTORY = "signet.data-dir";
    public static final String MAX_DOCUMENT_SIZE = "signet.max-document-size";
    public static final String CREATE_DEMO = "signet.demo";

    /** Reads and validates every setting; throws {@link InvalidConfigurationException} naming the property. */
    public static SignetConfiguration from(UnaryOperator<String> properties) {
        String dataDir = properties.apply(DATA_DIRECTORY);
        if (dataDir == null || dataDir.isBlank()) {
            String serverData = properties.apply("jboss.server.data.dir");
            if (serverData == null) {
                throw new InvalidConfigurationException(DATA_DIRECTORY, null, "is not set and there is no jboss.server.data.dir");
            }
            dataDir = Path.of(serverData, "signet").toString();
        }
        return new SignetConfiguration(Path.of(dataDir).toAbsolutePath(),
                size(MAX_DOCUMENT_SIZE, properties.apply(MAX_DOCUMENT_SIZE), 100L << 20),
                bool(CREATE_DEMO, properties.apply(CREATE_DEMO), true));
    }

    static long size(String property, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        long unit = switch (v.charAt(v.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits.trim()), unit);
            if (bytes < 1) {
                throw new InvalidConfigurationException(property, value, "must be at least 1 byte");
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidConfigurationException(property, value, "is not a size; write bytes or a number with K, M or G, e.g. 100M");
        }
    }

    static boolean bool(String property, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InvalidConfigurationException(property, value, "must be true or false");
        };
    }

    public static final class InvalidConfigurationException extends IllegalStateException {
        InvalidConfigurationException(String property, String value, String problem) {
            super("Signet configuration: " + property + (value == null ? "" : "='" + value + "'") + " " + problem);
        }
    }
}
