package org.signet.hotfolder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signet.model.SignetException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotFolderBasesTest {

    @TempDir
    Path dir;

    private String refusal(HotFolderBases bases, String folder) {
        SignetException refused = assertThrows(SignetException.class, () -> bases.folder(folder, "root"));
        assertEquals(SignetException.Kind.INVALID_INPUT, refused.kind());
        return refused.getMessage();
    }

    @Test
    void aFolderUnderABaseIsMadeAndAnsweredAsItsRealPath() throws IOException {
        Path base = Files.createDirectories(dir.resolve("batches"));
        HotFolderBases bases = new HotFolderBases(List.of(base), List.of(dir.resolve("server")));
        assertEquals(base.toRealPath().resolve("invoices/in"), bases.folder(base + "/invoices/in", "root"));
        assertTrue(Files.isDirectory(base.resolve("invoices/in")));
    }

    @Test
    void withoutBasesNoHotFolderIsAllowed() {
        assertTrue(refusal(new HotFolderBases(List.of(), List.of()), dir + "/in").contains("signet.hotfolder.base-dirs"));
    }

    @Test
    void aFolderOutsideEveryBaseIsRefusedAndNotMade() throws IOException {
        Path base = Files.createDirectories(dir.resolve("batches"));
        HotFolderBases bases = new HotFolderBases(List.of(base), List.of());
        assertTrue(refusal(bases, dir + "/elsewhere").contains("is not under a folder this server allows"));
        assertTrue(refusal(bases, base + "/../elsewhere").contains("is not under a folder this server allows"));
        assertTrue(refusal(bases, "batches/in").contains("absolute path"));
        assertFalse(Files.exists(dir.resolve("elsewhere")));
    }

    /** An admin could otherwise fetch the key stores and the credential store as a batch's "results". */
    @Test
    void theServersOwnDirectoriesAreRefusedEvenUnderABaseAndNothingIsMadeInThem() throws IOException {
        Path server = Files.createDirectories(dir.resolve("wildfly/standalone/configuration"));
        HotFolderBases bases = new HotFolderBases(List.of(dir), List.of(server));
        assertTrue(refusal(bases, server.toString()).contains("the server's own directory"));
        assertTrue(refusal(bases, server + "/batch").contains("lies in the server's own directory"));
        assertFalse(Files.exists(server.resolve("batch")));
        assertTrue(refusal(bases, dir + "/wildfly").contains("holds the server's own directory"));
    }

    @Test
    void aPlantedLinkIsNotFollowed() throws IOException {
        Path base = Files.createDirectories(dir.resolve("batches"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(base.resolve("in"), elsewhere);
        HotFolderBases bases = new HotFolderBases(List.of(base), List.of());
        assertTrue(refusal(bases, base + "/in").contains("symbolic link"));
        assertTrue(refusal(bases, base + "/in/deeper").contains("symbolic link"));
        assertFalse(Files.exists(elsewhere.resolve("deeper")));
        Files.writeString(base.resolve("file"), "x");
        assertTrue(refusal(bases, base + "/file/in").contains("not a folder"));
    }

    /** A folder kept from before the base folders changed is not served any more. */
    @Test
    void foldersKeptFromEarlierAreCheckedAgain() throws IOException {
        Path base = Files.createDirectories(dir.resolve("batches"));
        HotFolderBases bases = new HotFolderBases(List.of(base), List.of(dir.resolve("server")));
        assertEquals(null, bases.refusal(List.of(base.resolve("in"), base.resolve("out"))));
        assertTrue(bases.refusal(List.of(base.resolve("in"), dir.resolve("out"))).contains("is not under a folder"));
        assertTrue(new HotFolderBases(List.of(dir), List.of(dir.resolve("server"))).refusal(List.of(dir.resolve("server/in")))
                .contains("the server's own directory"));
    }
}
