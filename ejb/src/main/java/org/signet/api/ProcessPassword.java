package org.signet.api;

/** The password Signet made for a new process, shown this once. */
public record ProcessPassword(String user, String password) { }
