package io.boss.node.logs;

import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.node.sync.DesiredPods;
import io.boss.node.sync.SandboxInventory;
import io.boss.node.sync.SandboxInventory.OwnedSandbox;
import io.boss.runtime.LogOptions;
import io.boss.runtime.SandboxException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the output of a pod's latest sandbox run: {@code GET /v1/pods/{namespace}/{name}/log}
 * with {@code follow} (keep streaming until the run exits or the client disconnects) and
 * {@code tailLines} (start from the last N lines). The API server proxies its pod log route here.
 */
@Path("/v1/pods/{namespace}/{name}/log")
public final class PodLogResource {

    private static final Logger LOG = LoggerFactory.getLogger(PodLogResource.class);
    private static final int BUFFER_BYTES = 8192;

    private final DesiredPods pods;
    private final SandboxInventory inventory;

    public PodLogResource(DesiredPods pods, SandboxInventory inventory) {
        this.pods = pods;
        this.inventory = inventory;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response log(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("follow") boolean follow, @QueryParam("tailLines") Integer tailLines) {
        if (tailLines != null && tailLines < 0) {
            return error(400, "BadRequest", "tailLines must be 0 or more, got " + tailLines);
        }
        String podKey = namespace + "/" + name;
        var pod = pods.findByName(namespace, name);
        if (pod.isEmpty()) {
            return error(404, "NotFound", "pod " + podKey + " is not bound to this node");
        }

        OwnedSandbox latest;
        InputStream output;
        try {
            List<OwnedSandbox> sandboxes = inventory.ofPod(DesiredPods.uid(pod.get()));
            if (sandboxes.isEmpty()) {
                return error(404, "NotFound", noSandboxMessage(podKey, pod.get()));
            }
            latest = sandboxes.get(sandboxes.size() - 1);
            output = latest.provider().logs(latest.sandboxId(), new LogOptions(tailLines, follow));
        } catch (SandboxException e) {
            LOG.warn("opening log failed pod={} reason={}: {}", podKey, e.reason(), e.getMessage());
            return error(500, "InternalError", "opening the log of pod " + podKey + " failed: " + e.getMessage());
        }
        LOG.debug("streaming log pod={} sandbox={} follow={} tailLines={}", podKey, latest.sandboxId(), follow,
                tailLines);
        StreamingOutput body = target -> copy(output, target);
        return Response.ok(body, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    /** Copies with a flush after every read, so a client following the log receives each line as it is written. */
    private static void copy(InputStream output, OutputStream target) throws IOException {
        try (output) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = output.read(buffer)) >= 0) {
                target.write(buffer, 0, read);
                target.flush();
            }
        }
    }

    /** Explains a missing sandbox: not created yet, or never, for a pod that ended without one. */
    private static String noSandboxMessage(String podKey, Pod pod) {
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            String reason = status.getReason() == null ? "" : " (" + status.getReason() + ": " + status.getMessage() + ")";
            return "pod " + podKey + " ended " + phase + " without a sandbox on this node" + reason;
        }
        return "pod " + podKey + " has no sandbox on this node yet";
    }

    private static Response error(int code, String reason, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("reason", reason);
        body.put("message", message);
        return Response.status(code).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
