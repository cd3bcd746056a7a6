package org.signet.audit;

import jakarta.enterprise.inject.spi.CDI;
import org.signet.keys.SecretStore;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key every audit event is sealed with when Signet writes it (HMAC-SHA256 over the event's values): someone who
 * can write to the database but not read the server's credential store can neither change an event unseen nor add one
 * that passes for Signet's. The key is made on first use and kept in the credential store, never in the database.
 */
public final class AuditKey {

    static final String ALIAS = "signet.audit-key";

    private static volatile SecretKeySpec key;

    private AuditKey() { }

    /** The seal of an event's values, as stored: hex of HMAC-SHA256 over their {@link #canonical} form. */
    public static String seal(LocalDateTime at, String actor, String action, String outcome, String seal, String documentSha256,
                              String detail) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(canonical(at, actor, action, outcome, seal, documentSha256, detail)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key cannot seal an event: " + e.getMessage(), e);
        }
    }

    /**
     * The values in one unambiguous byte form: each with its length first (-1 for none), the time as the database
     * keeps it (local date and time, to the microsecond), so that a value moved from one field to the next cannot
     * keep the seal.
     */
    static byte[] canonical(LocalDateTime at, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, "signet-audit-v1");
        field(out, at.truncatedTo(ChronoUnit.MICROS).toString());
        for (String value : values) {
            field(out, value);
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (AuditKey.class) {
                if (key == null) {
                    key = load(CDI.current().select(SecretStore.class).get());
                }
                current = key;
            }
        }
        return current;
    }

    /** Reads the key from the credential store, made there first if this is the first start. */
    static SecretKeySpec load(SecretStore secrets) {
        if (!secrets.contains(ALIAS)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            char[] encoded = Base64.getEncoder().encodeToString(fresh).toCharArray();
            secrets.put(ALIAS, encoded);
            Arrays.fill(fresh, (byte) 0);
            Arrays.fill(encoded, '\0');
        }
        char[] stored = secrets.get(ALIAS);
        try {
            ByteBuffer bytes = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(stored));
            ByteBuffer decoded = Base64.getDecoder().decode(bytes);
            byte[] raw = new byte[decoded.remaining()];
            decoded.get(raw);
            SecretKeySpec spec = new SecretKeySpec(raw, "HmacSHA256");
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(bytes.array(), (byte) 0);
            return spec;
        } finally {
            Arrays.fill(stored, '\0');
        }
    }

    /** Loads the key at start-up, before anything is audited; later calls change nothing. */
    public static void prepare(SecretStore secrets) {
        synchronized (AuditKey.class) {
            if (key == null) {
                key = load(secrets);
            }
        }
    }

    /** For tests outside a server: seal with this key. */
    static void use(byte[] raw) {
        key = new SecretKeySpec(raw, "HmacSHA256");
    }
}
