package io.boss.server.resources;

import com.codahale.metrics.annotation.Timed;
import io.boss.api.model.ClusterView;
import io.boss.server.cluster.ClusterViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/cluster}: the Raft group as reported by the replica that serves the request. */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {

    private final ClusterViews views;

    public ClusterResource(ClusterViews views) {
        this.views = views;
    }

    @GET
    @Timed(name = "cluster")
    public ClusterView cluster() {
        return views.current();
    }
}
