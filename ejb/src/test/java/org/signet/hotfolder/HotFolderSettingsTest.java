package org.signet.hotfolder;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotFolderSettingsTest {

    private static List<HotFolderSpec> from(Map<String, String> properties) {
        return HotFolderSettings.from(properties::get);
    }

    @Test
    void hotFoldersFromTheConfigurationAreTypedAndCheckedNamingTheProperty() {
        Map<String, String> p = new HashMap<>(Map.of("jboss.server.data.dir", "/d", "signet.hotfolders", "scans, invoices"));
        for (String name : List.of("scans", "invoices")) {
            p.put("signet.hotfolder." + name + ".root", "/data/" + name + "/in");
            p.put("signet.hotfolder." + name + ".out", "/data/" + name + "/out");
            p.put("signet.hotfolder." + name + ".error", "/data/" + name + "/err");
            p.put("signet.hotfolder." + name + ".format", "pades");
            p.put("signet.hotfolder." + name + ".seal", "demo");
            p.put("signet.hotfolder." + name + ".run-as", "scanner");
        }
        p.put("signet.hotfolder.invoices.keep-originals", "yes");
        List<HotFolderSpec> folders = from(p);
        assertEquals(List.of("scans", "invoices"), folders.stream().map(HotFolderSpec::name).toList());
        assertEquals("/data/scans/in", folders.get(0).root());
        assertEquals("scanner", folders.get(0).runAs());
        assertTrue(folders.get(1).keepOriginals());
        assertTrue(from(Map.of("jboss.server.data.dir", "/d")).isEmpty());

        Map<String, String> relative = new HashMap<>(p);
        relative.put("signet.hotfolder.scans.out", "out");
        assertEquals("Signet configuration: signet.hotfolder.scans.out='out' is not an absolute path",
                assertThrows(IllegalStateException.class, () -> from(relative)).getMessage());
        Map<String, String> noSeal = new HashMap<>(p);
        noSeal.remove("signet.hotfolder.invoices.seal");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(noSeal)).getMessage()
                .startsWith("Signet configuration: signet.hotfolder.invoices.seal is not set"));
        Map<String, String> badFormat = new HashMap<>(p);
        badFormat.put("signet.hotfolder.scans.format", "docx");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(badFormat)).getMessage().contains("'docx'"));
        badFormat.put("signet.hotfolder.scans.format", "hash");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(badFormat)).getMessage().contains("HASH signs a caller's digest"));
        Map<String, String> twice = new HashMap<>(p);
        twice.put("signet.hotfolders", "scans,scans");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(twice)).getMessage().contains("names 'scans' twice"));
    }

    @Test
    void aFolderWhoseDocumentsStartWorkflowsNamesATemplateInPlaceOfSealFormatAndLevel() {
        Map<String, String> p = new HashMap<>(Map.of("signet.hotfolders", "contracts",
                "signet.hotfolder.contracts.root", "/data/contracts/in", "signet.hotfolder.contracts.out", "/data/contracts/out",
                "signet.hotfolder.contracts.error", "/data/contracts/err", "signet.hotfolder.contracts.run-as", "clerk",
                "signet.hotfolder.contracts.workflow", " two-signers "));
        HotFolderSpec folder = from(p).get(0);
        assertEquals("two-signers", folder.workflow());
        assertEquals(null, folder.seal());
        assertEquals(null, folder.format());

        p.put("signet.hotfolder.contracts.seal", "demo");
        assertEquals("Signet configuration: signet.hotfolder.contracts.seal='demo' is set for a hot folder whose documents start"
                + " workflow 'two-signers'; its template's signers sign, the folder signs nothing itself",
                assertThrows(IllegalStateException.class, () -> from(p)).getMessage());
        p.remove("signet.hotfolder.contracts.seal");
        p.remove("signet.hotfolder.contracts.run-as");
        assertTrue(assertThrows(IllegalStateException.class, () -> from(p)).getMessage()
                .startsWith("Signet configuration: signet.hotfolder.contracts.run-as is not set"));
    }
}
