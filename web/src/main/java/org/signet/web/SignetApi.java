package org.signet.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.HashSet;
import java.util.Set;

/**
 * REST base: /signet/api. The resources are named here rather than scanned: a scan also finds every {@code @Path} in
 * the EAR's libraries, and would serve EclipseLink's JPA-RS entity resources beside Signet's.
 */
@ApplicationPath("/api")
public class SignetApi extends Application {

    static final Set<Class<?>> RESOURCES = Set.of(SigningResource.class, VerificationResource.class, AnalysisResource.class,
            SealResource.class, AuthenticatorResource.class, BatchResource.class, AdministrationResource.class, ArchiveResource.class,
            CscResource.class, WorkflowResource.class);

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RESOURCES);
        classes.add(RefusalMapper.class);
        classes.add(JsonBindings.class);
        return classes;
    }
}
