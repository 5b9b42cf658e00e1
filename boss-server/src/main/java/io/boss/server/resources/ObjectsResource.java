package io.boss.server.resources;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.server.registry.ObjectFilter;
import io.boss.server.registry.ResourceCodec;
import io.boss.server.registry.ResourceRegistry;
import io.boss.server.registry.UpdateMode;
import io.boss.server.watch.WatchStreamer;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * The object routes of {@code /api/v1}: list, watch, create, read, update, status update and
 * delete for every kind, namespaced under {@code /namespaces/{ns}} or cluster-scoped.
 *
 * <p>Each method resolves the kind, reads the body under the size limit and delegates to
 * {@link ResourceRegistry} or {@link WatchStreamer}; errors become JSON through the exception
 * mapper.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ObjectsResource {

    private static final String NDJSON = "application/x-ndjson";

    private final ResourceRegistry registry;
    private final ResourceCodec codec;
    private final WatchStreamer watches;
    private final long maxRequestBytes;

    public ObjectsResource(ResourceRegistry registry, ResourceCodec codec, WatchStreamer watches, long maxRequestBytes) {
        this.registry = registry;
        this.codec = codec;
        this.watches = watches;
        this.maxRequestBytes = maxRequestBytes;
    }

    @GET
    @Path("namespaces/{namespace}/{plural}")
    @Timed(name = "list")
    public Response listNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                   @QueryParam("watch") String watch, @QueryParam("resourceVersion") String resourceVersion,
                                   @QueryParam("labelSelector") String labelSelector,
                                   @QueryParam("fieldSelector") String fieldSelector) {
        return listOrWatch(Kinds.namespaced(plural), namespace, watch, resourceVersion, labelSelector, fieldSelector);
    }

    @GET
    @Path("{plural}")
    @Timed(name = "list-all")
    public Response listAll(@PathParam("plural") String plural,
                            @QueryParam("watch") String watch, @QueryParam("resourceVersion") String resourceVersion,
                            @QueryParam("labelSelector") String labelSelector,
                            @QueryParam("fieldSelector") String fieldSelector) {
        return listOrWatch(Kinds.any(plural), null, watch, resourceVersion, labelSelector, fieldSelector);
    }

    @POST
    @Path("namespaces/{namespace}/{plural}")
    @Timed(name = "create")
    public Response createNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                     @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.namespaced(plural);
        ObjectNode created = registry.create(kind, namespace, decode(kind, headers, body));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("{plural}")
    @Timed(name = "create")
    public Response createClusterScoped(@PathParam("plural") String plural, @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.clusterScoped(plural);
        ObjectNode created = registry.create(kind, null, decode(kind, headers, body));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("namespaces/{namespace}/{plural}/{name}")
    @Timed(name = "read")
    public ObjectNode readNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                     @PathParam("name") String name) {
        return registry.get(Kinds.namespaced(plural), namespace, name);
    }

    @GET
    @Path("{plural}/{name}")
    @Timed(name = "read")
    public ObjectNode readClusterScoped(@PathParam("plural") String plural, @PathParam("name") String name) {
        return registry.get(Kinds.clusterScoped(plural), null, name);
    }

    @GET
    @Path("namespaces/{namespace}/{plural}/{name}/status")
    @Timed(name = "read")
    public ObjectNode readNamespacedStatus(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                           @PathParam("name") String name) {
        return registry.get(Kinds.namespaced(plural), namespace, name);
    }

    @GET
    @Path("{plural}/{name}/status")
    @Timed(name = "read")
    public ObjectNode readClusterScopedStatus(@PathParam("plural") String plural, @PathParam("name") String name) {
        return registry.get(Kinds.clusterScoped(plural), null, name);
    }

    @PUT
    @Path("namespaces/{namespace}/{plural}/{name}")
    @Timed(name = "update")
    public ObjectNode updateNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                       @PathParam("name") String name, @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.namespaced(plural);
        return registry.update(kind, namespace, name, decode(kind, headers, body), UpdateMode.MAIN);
    }

    @PUT
    @Path("{plural}/{name}")
    @Timed(name = "update")
    public ObjectNode updateClusterScoped(@PathParam("plural") String plural, @PathParam("name") String name,
                                          @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.clusterScoped(plural);
        return registry.update(kind, null, name, decode(kind, headers, body), UpdateMode.MAIN);
    }

    @PUT
    @Path("namespaces/{namespace}/{plural}/{name}/status")
    @Timed(name = "update-status")
    public ObjectNode updateNamespacedStatus(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                             @PathParam("name") String name, @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.namespaced(plural);
        return registry.update(kind, namespace, name, decode(kind, headers, body), UpdateMode.STATUS);
    }

    @PUT
    @Path("{plural}/{name}/status")
    @Timed(name = "update-status")
    public ObjectNode updateClusterScopedStatus(@PathParam("plural") String plural, @PathParam("name") String name,
                                                @Context HttpHeaders headers, InputStream body) {
        ResourceKind kind = Kinds.clusterScoped(plural);
        return registry.update(kind, null, name, decode(kind, headers, body), UpdateMode.STATUS);
    }

    @DELETE
    @Path("namespaces/{namespace}/{plural}/{name}")
    @Timed(name = "delete")
    public ObjectNode deleteNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
                                       @PathParam("name") String name, @QueryParam("resourceVersion") String resourceVersion,
                                       @Context HttpHeaders headers, InputStream body) {
        long expected = DeletePrecondition.read(resourceVersion, readBody(headers, body));
        return registry.delete(Kinds.namespaced(plural), namespace, name, expected);
    }

    @DELETE
    @Path("{plural}/{name}")
    @Timed(name = "delete")
    public ObjectNode deleteClusterScoped(@PathParam("plural") String plural, @PathParam("name") String name,
                                          @QueryParam("resourceVersion") String resourceVersion,
                                          @Context HttpHeaders headers, InputStream body) {
        long expected = DeletePrecondition.read(resourceVersion, readBody(headers, body));
        return registry.delete(Kinds.clusterScoped(plural), null, name, expected);
    }

    private Response listOrWatch(ResourceKind kind, String namespace, String watch, String resourceVersion,
                                 String labelSelector, String fieldSelector) {
        ObjectFilter filter = ObjectFilter.parse(kind, codec, labelSelector, fieldSelector);
        if (QueryFlags.isTrue("watch", watch)) {
            long from = resourceVersion == null || resourceVersion.isEmpty()
                    ? WatchStreamer.FROM_NOW
                    : QueryFlags.resourceVersion(resourceVersion);
            return Response.ok(watches.open(kind, namespace, filter, from), NDJSON).build();
        }
        return Response.ok(registry.list(kind, namespace, filter)).build();
    }

    private ObjectNode decode(ResourceKind kind, HttpHeaders headers, InputStream body) {
        RequestBody request = readBody(headers, body);
        return codec.decodeBody(kind, request.bytes(), request.isYaml());
    }

    private RequestBody readBody(HttpHeaders headers, InputStream body) {
        return RequestBody.read(body, headers.getHeaderString(HttpHeaders.CONTENT_TYPE),
                headers.getHeaderString(HttpHeaders.CONTENT_LENGTH), maxRequestBytes);
    }
}
