package org.signet.security;

/**
 * The network address the current request came from, as the web container saw it (set by the faces' filter for the
 * request's thread, where the services run): null for work Signet starts itself (hot folders, schedules).
 */
public final class ClientAddress {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ClientAddress() { }

    public static String current() {
        return CURRENT.get();
    }

    public static void set(String address) {
        CURRENT.set(address);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
