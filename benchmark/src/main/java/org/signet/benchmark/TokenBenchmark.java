package org.signet.benchmark;

import jakarta.resource.spi.ConnectionManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.signet.connector.Certifier;
import org.signet.connector.KeyReference;
import org.signet.connector.SigningKeyConnection;
import org.signet.connector.SigningKeyConnectionFactory;
import org.signet.connector.SigningKeyManagedConnectionFactory;
import org.signet.connector.SigningKeyResourceAdapter;
import org.signet.connector.TokenDefinition;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Signatures/s through Signet's key adapter (the connector's code, outside the server) with one SoftHSM2 token
 * against a pool of N, next to raw JCA SHA256withRSA-2048 in the same run. SoftHSM is software: a token signs on
 * as many cores as it is given, so a pool cannot beat one token here. A smart card does one command at a time, so
 * the run also models cards by letting each token sign for one request at a time: there the pool is what scales.
 * ./signet bench tokens makes the tokens (softhsm2-util) and sets SOFTHSM2_CONF before this JVM starts.
 *
 * usage: TokenBenchmark --tokens-dir DIR [--threads 2] [--seconds 10] [--warmup 3]
 */
public final class TokenBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(stringArg(args, "--tokens-dir", null));
        int threads = intArg(args, "--threads", 2);
        int seconds = intArg(args, "--seconds", 10);
        int warmup = intArg(args, "--warmup", 3);
        Properties slots = new Properties();
        try (var in = Files.newInputStream(dir.resolve("slots.properties"))) {
            slots.load(in);
        }
        String pin = Files.readString(dir.resolve("pin")).strip();
        List<String> labels = new ArrayList<>(slots.stringPropertyNames());
        labels.sort(null);
        int pool = labels.size();

        SigningKeyManagedConnectionFactory factory = new SigningKeyManagedConnectionFactory();
        factory.setResourceAdapter(new SigningKeyResourceAdapter());
        // Unpooled, as a plain Java SE caller: every allocation is a fresh handle on the same token registry.
        ConnectionManager direct = (mcf, info) -> mcf.createManagedConnection(null, info).getConnection(null, info);
        SigningKeyConnectionFactory connections = (SigningKeyConnectionFactory) factory.createConnectionFactory(direct);
        List<KeyReference> keys = new ArrayList<>();
        try (SigningKeyConnection connection = connections.getConnection()) {
            for (String label : labels) {
                connection.register(new TokenDefinition(label, TokenDefinition.Kind.PKCS11, Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                        slots.getProperty(label), pin.toCharArray()));
                KeyReference key = new KeyReference(label, "bench");
                connection.generateKeyPair(key, "RSA", 2048, (publicKey, signer) -> List.of(selfSigned(publicKey, signer)));
                keys.add(key);
            }
        }
        System.out.printf("Token benchmark: %d thread(s) (at least one per token when modelling cards), %d s per measurement, "
                + "SoftHSM2 pool of %d, RSA-2048 keys%n", threads, seconds, pool);

        double raw = SigningBenchmark.rawRsa(KeyPairGenerator.getInstance("RSA").generateKeyPair(), threads, warmup, seconds);
        double one = SigningBenchmark.measure("adapter, 1 SoftHSM token", threads, warmup, seconds, signer(connections, keys.subList(0, 1), false));
        double many = SigningBenchmark.measure("adapter, pool of " + pool + " tokens", threads, warmup, seconds, signer(connections, keys, false));
        int cardThreads = Math.max(threads, pool);
        double oneCard = SigningBenchmark.measure("card model, 1 token", cardThreads, warmup, seconds, signer(connections, keys.subList(0, 1), true));
        double manyCards = SigningBenchmark.measure("card model, pool of " + pool, cardThreads, warmup, seconds, signer(connections, keys, true));

        System.out.printf("%nRatios against raw RSA-2048 (%.0f/s) in this run:%n", raw);
        System.out.printf("  %-36s %8.1f /s   %.3f x%n", "1 SoftHSM token", one, one / raw);
        System.out.printf("  %-36s %8.1f /s   %.3f x   (%.2f x one token)%n", "pool of " + pool + " SoftHSM tokens", many, many / raw, many / one);
        System.out.printf("  %-36s %8.1f /s   %.3f x%n", "card model: 1 token, one at a time", oneCard, oneCard / raw);
        System.out.printf("  %-36s %8.1f /s   %.3f x   (%.2f x one card)%n", "card model: pool of " + pool, manyCards, manyCards / raw,
                manyCards / oneCard);
    }

    /** Takes turns over the keys, as a seal's pool does; a card signs for one request at a time. */
    private static SigningBenchmark.Operation signer(SigningKeyConnectionFactory connections, List<KeyReference> keys, boolean cardModel) {
        AtomicInteger turn = new AtomicInteger();
        ConcurrentMap<KeyReference, ReentrantLock> busy = new ConcurrentHashMap<>();
        byte[] data = new byte[64];
        return () -> {
            KeyReference key = keys.get(Math.floorMod(turn.getAndIncrement(), keys.size()));
            ReentrantLock lock = cardModel ? busy.computeIfAbsent(key, k -> new ReentrantLock()) : null;
            if (lock != null) {
                lock.lock();
            }
            try (SigningKeyConnection connection = connections.getConnection()) {
                connection.sign(key, "SHA256withRSA", data);
            } finally {
                if (lock != null) {
                    lock.unlock();
                }
            }
        };
    }

    private static X509Certificate selfSigned(PublicKey key,
            Certifier.KeySigner signer) throws GeneralSecurityException {
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ContentSigner content = new ContentSigner() {
            @Override public AlgorithmIdentifier getAlgorithmIdentifier() { return algorithm; }
            @Override public OutputStream getOutputStream() { return buffer; }
            @Override public byte[] getSignature() {
                try {
                    return signer.sign("SHA256withRSA", buffer.toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        X500Name name = new X500Name("CN=Token benchmark");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, key).build(content));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, String.valueOf(fallback)));
    }
}
