package io.boss.runtime;

import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.SandboxClass;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sandbox the agent requests from a provider: one sandbox for one pod.
 *
 * <p>Lists and maps are copied and never null. The sandbox id doubles as a directory name in the
 * providers' state, so it is limited to letters, digits, '.', '_' and '-'.
 *
 * @param sandboxId the id the caller chose; every provider operation is keyed by it
 * @param podNamespace the owning pod's namespace
 * @param podName the owning pod's name
 * @param podUid the owning pod's uid
 * @param sandboxClass the resolved sandbox class
 * @param artifact what to run, or null when the command names a host executable directly
 * @param isolation the minimum isolation requested, or null for no requirement
 * @param network the network mode requested, or null for no requirement
 * @param command the entry point; when empty, the artifact's location is run
 * @param args arguments appended to the command
 * @param env environment variables set on top of the provider's minimal environment
 * @param cpuMillis the CPU limit in millicores, enforced as a hard quota, or null for none
 * @param cpuRequestMillis the CPU request in millicores, enforced as a relative weight against
 *     other sandboxes, or null for the default weight
 * @param memoryBytes the memory limit in bytes, or null for none
 * @param labels the pod's labels, for providers that tag what they create
 */
public record SandboxSpec(
        String sandboxId,
        String podNamespace,
        String podName,
        String podUid,
        SandboxClass sandboxClass,
        SandboxArtifact artifact,
        IsolationLevel isolation,
        NetworkMode network,
        List<String> command,
        List<String> args,
        Map<String, String> env,
        Long cpuMillis,
        Long cpuRequestMillis,
        Long memoryBytes,
        Map<String, String> labels) {

    private static final Pattern SANDBOX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public SandboxSpec {
        if (!isValidSandboxId(sandboxId)) {
            throw new IllegalArgumentException(invalidSandboxIdMessage(sandboxId));
        }
        Objects.requireNonNull(sandboxClass, "sandboxClass is missing for sandbox " + sandboxId);
        command = List.copyOf(command == null ? List.of() : command);
        args = List.copyOf(args == null ? List.of() : args);
        env = Map.copyOf(env == null ? Map.of() : env);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    /** Returns whether the id can name a sandbox; see the class description for the rule. */
    public static boolean isValidSandboxId(String sandboxId) {
        return sandboxId != null && SANDBOX_ID.matcher(sandboxId).matches();
    }

    /** Returns the error message for an invalid sandbox id, naming the rule. */
    public static String invalidSandboxIdMessage(String sandboxId) {
        return "invalid sandbox id " + quote(sandboxId)
                + ": use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit";
    }

    /** Returns a builder for a process-class spec with the given sandbox id. */
    public static Builder builder(String sandboxId) {
        return new Builder(sandboxId);
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /** Builds a {@link SandboxSpec}; mainly for tests and the agent's translation from a pod. */
    public static final class Builder {
        private final String sandboxId;
        private String podNamespace;
        private String podName;
        private String podUid;
        private SandboxClass sandboxClass = SandboxClass.PROCESS;
        private SandboxArtifact artifact;
        private IsolationLevel isolation;
        private NetworkMode network;
        private List<String> command = List.of();
        private List<String> args = List.of();
        private Map<String, String> env = Map.of();
        private Long cpuMillis;
        private Long cpuRequestMillis;
        private Long memoryBytes;
        private Map<String, String> labels = Map.of();

        private Builder(String sandboxId) {
            this.sandboxId = sandboxId;
        }

        public Builder pod(String namespace, String name, String uid) {
            this.podNamespace = namespace;
            this.podName = name;
            this.podUid = uid;
            return this;
        }

        public Builder sandboxClass(SandboxClass value) {
            this.sandboxClass = value;
            return this;
        }

        public Builder artifact(SandboxArtifact value) {
            this.artifact = value;
            return this;
        }

        public Builder isolation(IsolationLevel value) {
            this.isolation = value;
            return this;
        }

        public Builder network(NetworkMode value) {
            this.network = value;
            return this;
        }

        public Builder command(String... value) {
            this.command = List.of(value);
            return this;
        }

        public Builder args(String... value) {
            this.args = List.of(value);
            return this;
        }

        public Builder env(Map<String, String> value) {
            this.env = value;
            return this;
        }

        /** Sets the CPU limit in millicores and the memory limit in bytes; null means no limit. */
        public Builder resources(Long cpuMillisValue, Long memoryBytesValue) {
            this.cpuMillis = cpuMillisValue;
            this.memoryBytes = memoryBytesValue;
            return this;
        }

        /** Sets the CPU request in millicores; null means the default weight. */
        public Builder cpuRequest(Long millis) {
            this.cpuRequestMillis = millis;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        public SandboxSpec build() {
            return new SandboxSpec(sandboxId, podNamespace, podName, podUid, sandboxClass, artifact,
                    isolation, network, command, args, env, cpuMillis, cpuRequestMillis, memoryBytes, labels);
        }
    }
}
