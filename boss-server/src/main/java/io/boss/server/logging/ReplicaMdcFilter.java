package io.boss.server.logging;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.slf4j.MDC;

import java.io.IOException;

/** Puts the replica id into the MDC for the duration of each HTTP request. */
public final class ReplicaMdcFilter implements Filter {

    private final String replicaId;

    public ReplicaMdcFilter(String replicaId) {
        this.replicaId = replicaId;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        MDC.put(ReplicaConverter.MDC_KEY, replicaId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(ReplicaConverter.MDC_KEY);
        }
    }
}
