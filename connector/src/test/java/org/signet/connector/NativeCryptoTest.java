package org.signet.connector;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeCryptoTest {

    @Test
    void loadsWhereInstalledUnlessSwitchedOff() {
        NativeCrypto.Choice loaded = NativeCrypto.load(null, getClass().getClassLoader());
        assertNotNull(loaded.provider(), loaded.describe());
        assertTrue(loaded.describe().startsWith("AmazonCorrettoCryptoProvider 2.5.0"), loaded.describe());

        NativeCrypto.Choice off = NativeCrypto.load("false", getClass().getClassLoader());
        assertNull(off.provider());
        assertEquals("the JDK's providers (signet.native-crypto=false)", off.describe());

        NativeCrypto.Choice missing = NativeCrypto.load("true", new URLClassLoader(new URL[0], null));
        assertNull(missing.provider());
        assertEquals("the JDK's providers (Amazon Corretto Crypto Provider is not installed)", missing.describe());

        assertEquals("Signet configuration: signet.native-crypto='maybe' must be true or false",
                assertThrows(IllegalStateException.class, () -> NativeCrypto.load("maybe", getClass().getClassLoader())).getMessage());
    }
}
