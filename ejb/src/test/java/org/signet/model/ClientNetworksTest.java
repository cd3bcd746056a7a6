package org.signet.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientNetworksTest {

    @Test
    void addressesAndNetworksOfBothFamilies() {
        ClientNetworks networks = ClientNetworks.parse(List.of("192.0.2.7", " 10.1.0.0/16", "2001:db8::/32", "::1"));
        assertTrue(networks.contains("192.0.2.7"));
        assertFalse(networks.contains("192.0.2.8"));
        assertTrue(networks.contains("10.1.255.3"));
        assertFalse(networks.contains("10.2.0.1"));
        assertTrue(networks.contains("2001:db8:0:0:0:0:0:5"));
        assertTrue(networks.contains("0:0:0:0:0:0:0:1"), "IPv6 loopback as a container reports it");
        assertFalse(networks.contains("2001:db9::1"));
        assertFalse(networks.contains(null));
        assertFalse(networks.contains("localhost"), "names are never looked up");
        assertTrue(ClientNetworks.parse(List.of("0.0.0.0/0")).contains("203.0.113.9"));
        assertEquals(List.of("192.0.2.7", "10.1.0.0/16", "2001:db8::/32", "::1"), networks.entries());
    }

    @Test
    void namesAndMalformedEntriesAreRefusedNamingThem() {
        for (String bad : new String[] {"localhost", "example.org", "10.0.0.0/33", "10.0.0.0/x", "", "1.2.3", "::/129"}) {
            SignetException refused = assertThrows(SignetException.class, () -> ClientNetworks.parse(List.of(bad)), bad);
            assertTrue(refused.getMessage().contains("'" + bad + "'"), refused.getMessage());
        }
    }
}
