package org.signet.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignetConfigurationTest {

    private static SignetConfiguration from(Map<String, String> properties) {
        return SignetConfiguration.from(properties::get);
    }

    @Test
    void defaultsLiveUnderTheServerDataDirectory() {
        SignetConfiguration c = from(Map.of("jboss.server.data.dir", "/srv/data"));
        assertEquals(Path.of("/srv/data/signet"), c.dataDirectory());
        assertEquals(100L << 20, c.maxDocumentBytes());
        assertTrue(c.createDemo());
    }

    @Test
    void sizesTakeUnits() {
        assertEquals(4L << 20, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "4M")).maxDocumentBytes());
        assertEquals(2L << 30, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "2g")).maxDocumentBytes());
        assertEquals(1500, from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "1500")).maxDocumentBytes());
        assertFalse(from(Map.of("jboss.server.data.dir", "/d", "signet.demo", "off")).createDemo());
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalStateException size = assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "lots")));
        assertEquals("Signet configuration: signet.max-document-size='lots' is not a size; write bytes or a number with K, M or G, e.g. 100M",
                size.getMessage());
        assertThrows(IllegalStateException.class, () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "0")));
        assertThrows(IllegalStateException.class, () -> from(Map.of("jboss.server.data.dir", "/d", "signet.max-document-size", "99999999999G")));
        IllegalStateException demo = assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.demo", "maybe")));
        assertTrue(demo.getMessage().contains("signet.demo='maybe' must be true or false"));
        assertThrows(IllegalStateException.class, () -> from(Map.of()));
    }

    @Test
    void hotFoldersFromTheConfigurationAreTypedAndCheckedNamingTheProperty() {
        Map<String, String> p = new java.util.HashMap<>(Map.of("jboss.server.data.dir", "/d", "signet.hotfolders", "scans, invoices",
                "signet.hotfolder.workers", "4"));
        for (String name : java.util.List.of("scans", "invoices")) {
            p.put("signet.hotfolder." + name + ".root", "/data/" + name + "/in");
            p.put("signet.hotfolder." + name + ".out", "/data/" + name + "/out");
            p.put("signet.hotfolder." + name + ".error", "/data/" + name + "/err");
            p.put("signet.hotfolder." + name + ".format", "pades");
            p.put("signet.hotfolder." + name + ".seal", "demo");
            p.put("signet.hotfolder." + name + ".run-as", "scanner");
        }
        p.put("signet.hotfolder.invoices.keep-originals", "yes");
        SignetConfiguration c = from(p);
        assertEquals(4, c.hotFolderWorkers());
        assertEquals(java.util.List.of("scans", "invoices"), c.hotFolders().stream().map(org.signet.hotfolder.HotFolderSpec::name).toList());
        assertEquals("/data/scans/in", c.hotFolders().get(0).root());
        assertEquals("scanner", c.hotFolders().get(0).runAs());
        assertTrue(c.hotFolders().get(1).keepOriginals());
        assertEquals(2, from(Map.of("jboss.server.data.dir", "/d")).hotFolderWorkers());
        assertTrue(from(Map.of("jboss.server.data.dir", "/d")).hotFolders().isEmpty());

        Map<String, String> relative = new java.util.HashMap<>(p);
        relative.put("signet.hotfolder.scans.out", "out");
        assertEquals("Signet configuration: signet.hotfolder.scans.out='out' is not an absolute path",
                assertThrows(IllegalStateException.class, () -> from(relative)).getMessage());
        Map<String, String> noSeal = new java.util.HashMap<>(p);
        noSeal.remove("signet.hotfolder.invoices.seal");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(noSeal)).getMessage()
                .startsWith("Signet configuration: signet.hotfolder.invoices.seal is not set"));
        Map<String, String> badFormat = new java.util.HashMap<>(p);
        badFormat.put("signet.hotfolder.scans.format", "docx");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(badFormat)).getMessage().contains("'docx'"));
        Map<String, String> twice = new java.util.HashMap<>(p);
        twice.put("signet.hotfolders", "scans,scans");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(twice)).getMessage().contains("names 'scans' twice"));
        Map<String, String> workers = new java.util.HashMap<>(p);
        workers.put("signet.hotfolder.workers", "0");
        assertEquals("Signet configuration: signet.hotfolder.workers='0' must be a whole number from 1 to 16",
                assertThrows(IllegalStateException.class, () -> from(workers)).getMessage());
    }
}
