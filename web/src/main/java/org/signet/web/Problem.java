package org.signet.web;

/** The JSON body of every refusal: {"error": "NOT_AUTHORISED", "message": "..."}. */
public record Problem(String error, String message) {
}
