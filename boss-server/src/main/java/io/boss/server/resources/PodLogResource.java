package io.boss.server.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.error.ErrorReasons;
import io.boss.server.errors.ApiException;
import io.boss.server.registry.ResourceRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Proxies {@code GET /api/v1/namespaces/{ns}/pods/{name}/log} to the node agent that runs the pod,
 * at the {@code status.agentEndpoint} of the pod's node, and streams the agent's response back unchanged
 * (plain text output, or the agent's JSON error with its status code).
 */
@Path("/api/v1/namespaces/{namespace}/pods/{name}/log")
public final class PodLogResource {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int BUFFER_BYTES = 8192;

    private final ResourceRegistry registry;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    public PodLogResource(ResourceRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public Response log(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("follow") boolean follow, @QueryParam("tailLines") Integer tailLines) {
        String podKey = namespace + "/" + name;
        ObjectNode pod = registry.get(ResourceKind.POD, namespace, name);
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + podKey + " is not bound to a node yet, so it has no log");
        }
        ObjectNode node = registry.get(ResourceKind.NODE, null, nodeName);
        String endpoint = node.path("status").path("agentEndpoint").asText("");
        if (endpoint.isEmpty()) {
            throw ApiException.notFound("node " + nodeName + " of pod " + podKey + " reports no status.agentEndpoint");
        }

        URI target = URI.create(endpoint.replaceAll("/+$", "") + "/v1/pods/" + encode(namespace) + "/"
                + encode(name) + "/log?follow=" + follow + (tailLines == null ? "" : "&tailLines=" + tailLines));
        HttpResponse<InputStream> agentResponse = send(target, podKey, nodeName);
        String type = agentResponse.headers().firstValue("Content-Type").orElse(MediaType.TEXT_PLAIN);
        StreamingOutput body = output -> copy(agentResponse.body(), output);
        return Response.status(agentResponse.statusCode()).type(type).entity(body).build();
    }

    private HttpResponse<InputStream> send(URI target, String podKey, String nodeName) {
        try {
            return http.send(HttpRequest.newBuilder(target).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(502, ErrorReasons.INTERNAL_ERROR, "the agent of node " + nodeName + " at "
                    + target.getHost() + ":" + target.getPort() + " did not respond to a request for the log of pod " + podKey
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("interrupted while reading the log of pod " + podKey);
        }
    }

    /** Copies with a flush after every read, so a client following the log receives each line as the agent sends it. */
    private static void copy(InputStream input, OutputStream output) throws IOException {
        try (input) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = input.read(buffer)) >= 0) {
                output.write(buffer, 0, read);
                output.flush();
            }
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
