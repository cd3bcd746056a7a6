/**
 * Signet's API contract: the requests and answers its faces exchange with callers. REST serialises these records
 * as they are; SOAP copies them into its XML types. Domain records never reach a caller, so renaming one cannot
 * change what a caller sees. Each answer is made from the domain by its own {@code of} method, the one mapping.
 */
package org.signet.api;
