package org.signet.api;

/** How many documents one upload put into a batch folder. */
public record StoredDocuments(int stored) {
}
