package org.signet.model;

/** How many of the newest entries a listing answers (audit trail, batches): 1 to 1000, 100 when the caller names none. */
public final class ListLimit {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    private ListLimit() { }

    public static int of(Integer requested) {
        int limit = requested == null ? DEFAULT : requested;
        if (limit < 1 || limit > MAX) {
            throw new SignetException(SignetException.Kind.INVALID_INPUT, "limit must be between 1 and " + MAX + ", not " + limit);
        }
        return limit;
    }
}
