package io.boss.server.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logback conversion word {@code %replica}: the id of the replica a log line belongs to.
 *
 * <p>Threads the server owns (request threads, the leadership thread) carry the id in the MDC key
 * {@value #MDC_KEY}. Other threads, such as Ratis's, fall back to the one replica running in this
 * JVM. When several replicas share a JVM, as in tests, those lines show {@code -}, because the
 * right id is unknown there; Ratis's own messages still name their member.
 */
public final class ReplicaConverter extends ClassicConverter {

    /** MDC key that carries the replica id. */
    public static final String MDC_KEY = "replica";

    private static final Set<String> REPLICAS_IN_JVM = ConcurrentHashMap.newKeySet();

    /** Makes {@code %replica} available to every pattern layout built after this call. */
    public static void install() {
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.put("replica", ReplicaConverter::new);
    }

    /** Records that {@code replicaId} runs in this JVM. */
    public static void register(String replicaId) {
        REPLICAS_IN_JVM.add(replicaId);
    }

    /** Records that {@code replicaId} stopped. */
    public static void unregister(String replicaId) {
        REPLICAS_IN_JVM.remove(replicaId);
    }

    @Override
    public String convert(ILoggingEvent event) {
        String replica = event.getMDCPropertyMap().get(MDC_KEY);
        if (replica != null) {
            return replica;
        }
        if (REPLICAS_IN_JVM.size() == 1) {
            return REPLICAS_IN_JVM.iterator().next();
        }
        return "-";
    }
}
