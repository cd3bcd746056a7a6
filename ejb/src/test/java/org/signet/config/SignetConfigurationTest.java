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
    void hotFolderWorkersAreBounded() {
        assertEquals(4, from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.workers", "4")).hotFolderWorkers());
        assertEquals(2, from(Map.of("jboss.server.data.dir", "/d")).hotFolderWorkers());
        assertEquals("Signet configuration: signet.hotfolder.workers='0' must be a whole number from 1 to 16",
                assertThrows(IllegalStateException.class,
                        () -> from(Map.of("jboss.server.data.dir", "/d", "signet.hotfolder.workers", "0"))).getMessage());
    }

    @Test
    void theArchiveStoreIsAnAbsolutePathUnderTheDataDirectoryByDefault() {
        assertEquals(Path.of("/d/signet/archive/documents"), from(Map.of("jboss.server.data.dir", "/d")).archiveStore());
        assertEquals(Path.of("/archive/kept"), from(Map.of("jboss.server.data.dir", "/d", "signet.archive.store", "/archive/./kept"))
                .archiveStore());
        assertEquals("Signet configuration: signet.archive.store='kept' is not an absolute path", assertThrows(IllegalStateException.class,
                () -> from(Map.of("jboss.server.data.dir", "/d", "signet.archive.store", "kept"))).getMessage());
    }
}
