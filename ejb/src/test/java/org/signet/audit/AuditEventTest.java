package org.signet.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuditEventTest {

    /** Whatever a caller names fits its column, marked as cut, so that the refusal of it is still written. */
    @Test
    void valuesAreCutToTheirColumns() {
        assertEquals("x".repeat(61) + "...", AuditEvent.bounded("x".repeat(5000), 64));
        assertEquals("x".repeat(64), AuditEvent.bounded("x".repeat(64), 64));
        assertNull(AuditEvent.bounded(null, 64));
    }
}
