package org.signet.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class ConfigurationProducer {

    @Produces
    @Singleton
    SignetConfiguration configuration() {
        return SignetConfiguration.from(System::getProperty);
    }
}
