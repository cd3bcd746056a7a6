/**
 * Jakarta Batch artefacts for mass signature. Artefacts must be {@code @Dependent @Named} (bean discovery is
 * "annotated"), and every one of them calls the same {@code SigningService} as the SOAP and REST faces.
 */
package org.signet.batch;
