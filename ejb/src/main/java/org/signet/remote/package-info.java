/**
 * Signet as a remote signature service (the Cloud Signature Consortium API v2): seals offered as credentials, signature
 * activation data bound to the hashes a person confirmed with a second factor, and bare signature values over the
 * caller's hashes, made by the same signing pipeline as every other signature.
 */
package org.signet.remote;
