package org.signet.outbox;

import org.junit.jupiter.api.Test;
import org.signet.model.SignetException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutboxTest {

    @Test
    void anAddressIsOnePlainMailboxKeptInLowerCase() {
        assertEquals("clerk@example.org", Outbox.checkedAddress(" Clerk@Example.org "));
    }

    @Test
    void whatCouldAddRecipientsOrHeadersIsRefused() {
        for (String hostile : new String[] {"a@example.org, b@example.org", "Mallory <m@example.org>", "a@example.org\r\nBcc: x@example.org",
                "undisclosed:;", "no-at-sign", "@example.org", "", null}) {
            SignetException e = assertThrows(SignetException.class, () -> Outbox.checkedAddress(hostile), String.valueOf(hostile));
            assertEquals(SignetException.Kind.INVALID_INPUT, e.kind());
        }
    }
}
