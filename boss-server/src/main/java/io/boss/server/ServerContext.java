package io.boss.server;

import com.codahale.metrics.MetricRegistry;
import io.boss.server.config.BossServerConfiguration;
import io.boss.server.registry.ResourceCodec;
import io.boss.server.registry.ResourceRegistry;
import io.boss.server.watch.WatchStreamer;
import io.boss.store.Registry;

/**
 * The parts of one running replica that leader-only services and tests build on: its
 * configuration, the replicated store, the typed object registry over it, its watch streamer and
 * its metrics.
 */
public record ServerContext(
        BossServerConfiguration configuration,
        Registry store,
        ResourceRegistry registry,
        ResourceCodec codec,
        WatchStreamer watches,
        MetricRegistry metrics) {
}
