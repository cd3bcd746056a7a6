package org.signet.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** REST base: /signet/api. */
@ApplicationPath("/api")
public class SignetApi extends Application {
}
