package org.signet.connector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Pkcs11TokenTest {

    /** SunPKCS11 reads a quoted value as one word, and expands ${...}: a name must not reach past its own line. */
    @Test
    void aLibraryPathStaysOneQuotedValue() throws SigningKeyException {
        assertEquals("\"/opt/hsm/lib pkcs11.so\"", Pkcs11Token.quoted("/opt/hsm/lib pkcs11.so"));
        for (String hostile : new String[] {"/lib/x.so\nslotListIndex = 3", "/lib/x.so\"\nattributes(*,*,*) = { }",
                "/lib/${user.home}.so", "/lib/x\\y.so", "/lib/x\r.so"}) {
            assertThrows(SigningKeyException.class, () -> Pkcs11Token.quoted(hostile), hostile);
        }
    }
}
