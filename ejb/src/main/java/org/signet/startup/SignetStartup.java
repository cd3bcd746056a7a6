package org.signet.startup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.signet.audit.AuditKey;
import org.signet.config.SignetConfiguration;
import org.signet.connector.TokenDefinition;
import org.signet.demo.DemoBootstrap;
import org.signet.hotfolder.HotFolderSettings;
import org.signet.hotfolder.HotFolderSpec;
import org.signet.hotfolder.HotFolders;
import org.signet.keys.KeyUsageLedger;
import org.signet.keys.SecretStore;
import org.signet.keys.SigningKeys;
import org.signet.keys.SigningToken;
import org.signet.model.SignetException;
import org.signet.pki.CertificateAuthority;
import org.signet.schema.SchemaSetup;
import org.signet.seal.Seal;
import org.signet.timestamp.TimeStampingUnit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Start-up: the configuration is read and checked (a bad value stops the deployment with its name), the
 * schema is created or extended, the demo
 * is created on an empty first start, and every token is opened, so a broken key store shows at start-up.
 */
@Startup
@Singleton
@PermitAll
public class SignetStartup {

    private static final Logger LOG = Logger.getLogger(SignetStartup.class.getName());

    @Inject
    private SignetConfiguration configuration;
    @Inject
    private SigningKeys keys;
    @EJB
    private KeyUsageLedger usage;
    @EJB
    private SchemaSetup schema;
    @EJB
    private DemoBootstrap demo;
    @Inject
    private TimeStampingUnit timeStampingUnit;
    @PersistenceContext(unitName = "signet")
    private EntityManager em;

    @Inject
    private SecretStore secrets;
    @EJB
    private HotFolders hotFolders;

    @PostConstruct
    void start() {
        List<HotFolderSpec> configuredFolders = HotFolderSettings.from(System::getProperty);
        schema.prepare();
        moveLegacySecrets();
        AuditKey.prepare(secrets); // before the first event is written (the demo's, the tokens')
        try {
            Files.createDirectories(configuration.dataDirectory());
            if (configuration.createDemo() && demo.isEmpty()) {
                demo.create(configuration.dataDirectory(), configuration.publicUrl() + CertificateAuthority.CRL_PATH);
            }
            if (configuration.createDemo()) {
                demo.certifyServer(configuration.dataDirectory(), configuration.publicUrl() + CertificateAuthority.CRL_PATH);
            }
            timeStampingUnit.ensureKey();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Signet could not prepare its data directory "
                    + configuration.dataDirectory() + ": " + e.getMessage(), e);
        }
        for (SigningToken token : em.createQuery("SELECT t FROM SigningToken t", SigningToken.class).getResultList()) {
            try {
                keys.open(token);
                LOG.info("Signet opened token '" + token.name() + "' (" + token.kind() + ")");
            } catch (SignetException e) {
                // One broken token must not take every other seal down with it.
                LOG.severe("Signet could not open token '" + token.name() + "': " + e.getMessage());
            }
        }
        hotFolders.applyConfigured(configuredFolders);
        // Every seal key gets its counter now, so that the first requests racing for a key need not create it.
        for (Seal seal : em.createQuery("SELECT s FROM Seal s", Seal.class).getResultList()) {
            seal.keys().forEach(usage::ensure);
        }
        LOG.info("Signet started: data directory " + configuration.dataDirectory()
                + ", documents up to " + configuration.maxDocumentBytes() + " bytes");
    }

    /**
     * Signet before 0.1 kept key store passwords beside the key stores ({@code <file>.p12.secret}) and PINs in
     * {@code tokens/<token>.pin}: they move into the credential store, and the files are deleted.
     */
    private void moveLegacySecrets() {
        Path data = configuration.dataDirectory();
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data, 3)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String alias = name.endsWith(".p12.secret")
                        ? SecretStore.keyStorePassword(file.resolveSibling(name.substring(0, name.length() - ".secret".length())))
                        : name.endsWith(".pin") && file.getParent().getFileName().toString().equals("tokens")
                        ? SecretStore.tokenPin(name.substring(0, name.length() - ".pin".length())) : null;
                if (alias == null) {
                    continue;
                }
                if (!secrets.contains(alias)) {
                    char[] secret = Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
                    secrets.put(alias, secret);
                    Arrays.fill(secret, '\0');
                }
                Files.delete(file);
                LOG.info("Signet moved the secret in " + file + " into the credential store (alias " + alias + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Signet could not move the secrets of " + data + " into the credential store: " + e, e);
        }
        for (SigningToken token : em.createQuery("SELECT t FROM SigningToken t", SigningToken.class).getResultList()) {
            if (token.credentialAlias() != null || token.isCard()) {
                continue;
            }
            String alias = token.kind() == TokenDefinition.Kind.PKCS12
                    ? SecretStore.keyStorePassword(Path.of(token.location()))
                    : SecretStore.tokenPin(token.name());
            if (secrets.contains(alias)) {
                token.credentialAlias(alias);
            }
        }
    }
}
