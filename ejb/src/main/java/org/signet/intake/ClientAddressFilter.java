package org.signet.intake;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.signet.security.ClientAddress;

import java.io.IOException;

/**
 * Hands the services the address a request came from (the peer of the connection; a proxy's forwarded headers are
 * not trusted), for seals that sign only for certain computers.
 */
public class ClientAddressFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        ClientAddress.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            ClientAddress.clear();
        }
    }
}
