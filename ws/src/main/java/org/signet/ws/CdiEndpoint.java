package org.signet.ws;

import com.sun.xml.ws.api.server.InstanceResolverAnnotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a Metro endpoint whose instances come from CDI (see {@link CdiInstanceResolver}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@InstanceResolverAnnotation(CdiInstanceResolver.class)
public @interface CdiEndpoint {
}
