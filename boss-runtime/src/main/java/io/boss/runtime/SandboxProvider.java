package io.boss.runtime;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A backend that runs sandboxes on this node, such as host processes, namespaced processes or
 * WASM modules. The node agent drives one sandbox through {@code prepare, create, start, stop,
 * remove}, and reads {@code status, logs, list} at any time.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every operation is keyed by a sandbox id the caller chooses, and is idempotent: creating
 *       a sandbox again with an equal spec, starting, stopping or removing it a second time
 *       changes nothing and does not fail. Start and stop of an id the provider does not hold
 *       fail; remove of such an id does nothing.
 *       A sandbox that was started once is never launched again, even after it exits; the agent
 *       restarts a pod by creating a new sandbox.
 *   <li>State is durable: once {@code create} or {@code start} returns, a new provider instance
 *       over the same state directory, for example after an agent restart, finds the sandbox in
 *       {@link #list()} and {@link #status}, including sandboxes that kept running or exited
 *       while no agent ran. A host crash may lose a sandbox that was created and never started,
 *       and the agent then creates it again from its pod.
 *   <li>Failures raise {@link SandboxException} with a reason from the closed set the pod status
 *       uses, and the provider's detail in the message.
 * </ul>
 *
 * <p>Threading: implementations are thread-safe. Calls for the same sandbox id are serialized;
 * calls for different ids may run at the same time. {@link #stop} blocks for up to the grace
 * period plus a few seconds; {@link #prepare} may block on an artifact download; the other calls
 * do local file and process work only.
 */
public interface SandboxProvider {

    /** Returns the provider's name, unique on a node, for example {@code process}. */
    String name();

    /**
     * Returns the result of the provider's self-check. Implementations may cache it for a few
     * seconds; a provider whose backend is missing reports {@code healthy=false} with a reason.
     */
    ProviderCapabilities capabilities();

    /** Resolves and verifies the spec's artifact so that {@link #create} does not have to fetch it. */
    void prepare(SandboxSpec spec) throws SandboxException;

    /**
     * Records a sandbox without launching it. Creating an id again with an equal spec returns the
     * current status; a different spec under an existing id fails with {@code CreateFailed}.
     */
    SandboxStatus create(SandboxSpec spec) throws SandboxException;

    /** Launches a created sandbox's workload; a no-op for a sandbox that was already started. */
    SandboxStatus start(String sandboxId) throws SandboxException;

    /**
     * Asks the workload to end, waits up to {@code grace}, then kills it. Returns once nothing of
     * the sandbox runs. Stopping a sandbox that is not running changes nothing.
     */
    SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException;

    /** Kills the sandbox if it still runs and deletes everything the provider kept for it. */
    void remove(String sandboxId) throws SandboxException;

    /** Returns the sandbox's current status, or empty when the provider has no such sandbox. */
    Optional<SandboxStatus> status(String sandboxId) throws SandboxException;

    /**
     * Opens the sandbox's combined stdout and stderr. With {@code follow}, the stream blocks for
     * new output until the sandbox exits or the caller closes the stream.
     */
    InputStream logs(String sandboxId, LogOptions options) throws SandboxException;

    /** Returns the status of every sandbox this provider holds, including those from before a restart. */
    List<SandboxStatus> list() throws SandboxException;

    /**
     * Returns the status of every sandbox whose id starts with {@code sandboxIdPrefix}, with the
     * same guarantees as {@link #list()}. The node agent calls it for one pod's sandboxes on every
     * reconcile. The default filters {@link #list()}. Providers that can find the matching
     * sandboxes without reading all of them override it.
     */
    default List<SandboxStatus> list(String sandboxIdPrefix) throws SandboxException {
        return list().stream().filter(status -> status.sandboxId().startsWith(sandboxIdPrefix)).toList();
    }
}
