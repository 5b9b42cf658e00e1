package io.boss.node.sync;

import io.boss.api.events.EventRecorder;
import io.boss.api.json.Serialization;
import io.boss.api.model.AgentSandboxState;
import io.boss.api.model.Event;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodStatus;
import io.boss.api.model.Reason;
import io.boss.api.model.RestartPolicy;
import io.boss.node.sync.PodStatusWriter.StaleResourceVersionException;
import io.boss.node.sync.SandboxInventory.OwnedSandbox;
import io.boss.runtime.CompatibilityProblem;
import io.boss.runtime.ProviderRegistry;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one pod's sandboxes in line with the pod: starts the current run, restarts it under the
 * restart policy, reports exits, and tears everything down when the pod is deleted or bound
 * elsewhere. Every step is idempotent and derives the sandbox id from the pod's uid and run
 * number, so a repeated or interrupted reconcile never starts a run twice.
 *
 * <p>It records the events {@code Started}, {@code Exited}, {@code Killing} and {@code Failed}
 * about the pod through its {@link EventRecorder}, which queues them and returns at once.
 *
 * <p>It tracks each pod's {@link AgentSandboxState} and reports it in {@code status.sandboxState}
 * with every status it writes. The transitional states Preparing and Starting are written only
 * when their step outlasts {@link SlowStepReporter#REPORT_DELAY}, and Stopping only when the
 * grace period is at least that long, so a fast start or stop costs no extra Raft write.
 *
 * <p>Threading: {@link #reconcile} is called by the sync workers, never twice at once for the
 * same pod uid (the work queue guarantees it); calls for different pods run in parallel.
 */
public final class PodReconciler implements AutoCloseable {

    /** The annotation in which the scheduler records the provider chosen for the pod. */
    public static final String SELECTED_PROVIDER_ANNOTATION = "boss.io/selected-provider";

    private static final Logger LOG = LoggerFactory.getLogger(PodReconciler.class);

    private final String nodeName;
    private final ProviderRegistry registry;
    private final SandboxInventory inventory;
    private final DesiredPods desired;
    private final PodStatusWriter statusWriter;
    private final RestartBackoff backoff = new RestartBackoff();
    private final Duration defaultGrace;
    private final Clock clock;
    private final EventRecorder recorder;
    private final Set<String> knownRunning = ConcurrentHashMap.newKeySet();
    private final Set<String> loggedExits = ConcurrentHashMap.newKeySet();
    private final Map<String, AgentSandboxState> states = new ConcurrentHashMap<>();
    private final SlowStepReporter slowSteps;

    public PodReconciler(String nodeName, ProviderRegistry registry, SandboxInventory inventory, DesiredPods desired,
            PodStatusWriter statusWriter, Duration defaultGrace, Clock clock) {
        this(nodeName, registry, inventory, desired, statusWriter, defaultGrace, clock, EventRecorder.discarding());
    }

    public PodReconciler(String nodeName, ProviderRegistry registry, SandboxInventory inventory, DesiredPods desired,
            PodStatusWriter statusWriter, Duration defaultGrace, Clock clock, EventRecorder recorder) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.inventory = inventory;
        this.desired = desired;
        this.statusWriter = statusWriter;
        this.defaultGrace = defaultGrace;
        this.clock = clock;
        this.recorder = recorder;
        this.slowSteps = new SlowStepReporter(statusWriter, desired, SlowStepReporter.REPORT_DELAY);
    }

    /**
     * Reconciles the pod with that uid once. Returns the delay after which it must be reconciled
     * again even if nothing changes (a pending restart), or empty.
     *
     * @throws SandboxException when a provider cannot list its sandboxes; the caller retries
     * @throws StaleResourceVersionException when a status write lost a race; the caller retries
     */
    public Optional<Duration> reconcile(String podUid) throws SandboxException, StaleResourceVersionException {
        List<OwnedSandbox> sandboxes = inventory.ofPod(podUid);
        Optional<Pod> bound = desired.get(podUid).filter(this::runsHere);

        if (bound.isEmpty()) {
            tearDown(podUid, sandboxes);
            return Optional.empty();
        }
        Pod pod = bound.get();

        if (isTerminal(pod)) {
            stopRunning(pod, sandboxes, "pod is " + pod.getStatus().getPhase());
            return Optional.empty();
        }

        String providerName = providerName(pod);
        OwnedSandbox latest = sandboxes.isEmpty() ? null : sandboxes.get(sandboxes.size() - 1);
        int reportedRun = pod.getStatus().getRestartCount();
        if (latest == null || latest.run() < reportedRun) {
            startRun(pod, providerName, reportedRun);
            return Optional.empty();
        }
        return observe(pod, latest);
    }

    private boolean runsHere(Pod pod) {
        return nodeName.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean isTerminal(Pod pod) {
        PodPhase phase = pod.getStatus().resolvedPhase();
        return phase != null && phase.isTerminal();
    }

    private String providerName(Pod pod) {
        String selected = pod.getMetadata().getAnnotations().get(SELECTED_PROVIDER_ANNOTATION);
        if (selected != null && !selected.isEmpty()) {
            return selected;
        }
        // A pod bound by hand without the annotation gets the first provider of its class.
        var sandboxClass = pod.getSpec().resolvedSandboxClass();
        List<SandboxProvider> candidates = sandboxClass == null ? List.of() : registry.forClass(sandboxClass);
        return candidates.isEmpty() ? "<none>" : candidates.get(0).name();
    }

    private Optional<Duration> observe(Pod pod, OwnedSandbox latest) throws SandboxException,
            StaleResourceVersionException {
        SandboxStatus sandbox = latest.status();
        String providerName = latest.provider().name();
        Instant now = clock.instant();

        switch (sandbox.state()) {
            case CREATED -> {
                startRun(pod, providerName, latest.run());
                return Optional.empty();
            }
            case RUNNING -> {
                if (knownRunning.add(sandbox.sandboxId())) {
                    LOG.info("sandbox adopted pod={} sandbox={} provider={} pid={}", pod.key(), sandbox.sandboxId(),
                            providerName, sandbox.pid());
                }
                transition(pod, AgentSandboxState.RUNNING);
                write(pod, PodStatuses.running(pod.getStatus(), providerName, sandbox, latest.run(), now));
                return Optional.empty();
            }
            case EXITED -> {
                return onExit(pod, latest, now);
            }
            default -> {
                write(pod, PodStatuses.unknown(pod.getStatus(), providerName, sandbox, latest.run(), now));
                return Optional.empty();
            }
        }
    }

    private Optional<Duration> onExit(Pod pod, OwnedSandbox latest, Instant now) throws SandboxException,
            StaleResourceVersionException {
        SandboxStatus exited = latest.status();
        String providerName = latest.provider().name();
        String uid = DesiredPods.uid(pod);
        transition(pod, AgentSandboxState.EXITED);
        knownRunning.remove(exited.sandboxId());
        if (loggedExits.add(exited.sandboxId())) {
            LOG.info("sandbox exited pod={} sandbox={} provider={} exitCode={}", pod.key(), exited.sandboxId(),
                    providerName, exited.exitCode());
            String message = "Sandbox " + exited.sandboxId() + " exited with code " + exited.exitCode();
            recorder.record(pod, Integer.valueOf(0).equals(exited.exitCode()) ? Event.NORMAL : Event.WARNING, "Exited",
                    message);
        }

        RestartPolicy policy = Objects.requireNonNullElse(pod.getSpec().resolvedRestartPolicy(), RestartPolicy.ALWAYS);
        int code = exited.exitCode() == null ? -1 : exited.exitCode();
        if (!policy.restarts(code)) {
            write(pod, PodStatuses.finished(pod.getStatus(), providerName, exited, latest.run(), now));
            return Optional.empty();
        }

        Duration delay = backoff.delayAfter(uid, latest.run(), exited);
        Instant due = (exited.finishedAt() != null ? exited.finishedAt() : now).plus(delay);
        if (now.isBefore(due)) {
            write(pod, PodStatuses.waitingToRestart(pod.getStatus(), providerName, exited, latest.run(), delay, now));
            return Optional.of(Duration.between(now, due));
        }
        startRun(pod, providerName, latest.run() + 1);
        removeOlderRuns(pod, latest.run());
        return Optional.empty();
    }

    /** Checks the intent, then prepares, creates and starts the pod's given run. */
    private void startRun(Pod pod, String providerName, int run) throws StaleResourceVersionException {
        Instant now = clock.instant();
        SandboxSpec spec;
        try {
            spec = PodSandboxSpecs.forRun(pod, run);
        } catch (SandboxException e) {
            fail(pod, providerName, e.reason(), e.getMessage(), now);
            return;
        }

        Optional<CompatibilityProblem> problem = registry.check(spec, providerName);
        if (problem.isPresent()) {
            fail(pod, providerName, problem.get().reason(), problem.get().message(), now);
            return;
        }

        SandboxProvider provider = registry.byName(providerName).orElseThrow();
        // Keeps the pod as last written, because a transitional write changes its resourceVersion.
        AtomicReference<Pod> latest = new AtomicReference<>(pod);
        SandboxStatus started;
        try {
            transition(pod, AgentSandboxState.PREPARING);
            slowSteps.run(latest, pending(providerName, spec, run, AgentSandboxState.PREPARING), () -> {
                provider.prepare(spec);
                return provider.create(spec);
            });
            transition(pod, AgentSandboxState.CREATED);

            transition(pod, AgentSandboxState.STARTING);
            started = slowSteps.run(latest, pending(providerName, spec, run, AgentSandboxState.STARTING),
                    () -> provider.start(spec.sandboxId()));
        } catch (SandboxException e) {
            fail(latest.get(), providerName, e.reason(), e.getMessage(), now);
            return;
        }

        transition(pod, AgentSandboxState.RUNNING);
        knownRunning.add(spec.sandboxId());
        LOG.info("sandbox started pod={} sandbox={} provider={} pid={} run={}", pod.key(), spec.sandboxId(),
                providerName, started.pid(), run);
        recorder.normal(pod, "Started", "Started sandbox " + spec.sandboxId() + " with provider " + providerName);
        // A workload that has already ended is reported Running once; the next poll reports its exit.
        Pod current = latest.get();
        write(current, PodStatuses.running(current.getStatus(), providerName, started, run, now));
    }

    /** Returns the status update that reports a transitional state of the given run. */
    private UnaryOperator<PodStatus> pending(String providerName, SandboxSpec spec, int run, AgentSandboxState state) {
        return current -> PodStatuses.starting(current, providerName, spec.sandboxId(), run, state, clock.instant());
    }

    /** Records the pod's new sandbox state, logging a change at DEBUG. */
    private void transition(Pod pod, AgentSandboxState next) {
        AgentSandboxState previous = states.put(DesiredPods.uid(pod), next);
        if (previous != next) {
            String from = previous == null ? "-" : previous.wireName();
            LOG.debug("sandbox state changed pod={} from={} to={}", pod.key(), from, next.wireName());
        }
    }

    private void fail(Pod pod, String providerName, Reason reason, String message, Instant now)
            throws StaleResourceVersionException {
        LOG.info("pod failed pod={} provider={} reason={} message={}", pod.key(), providerName, reason, message);
        recorder.warning(pod, "Failed", reason + ": " + message);
        transition(pod, AgentSandboxState.FAILED);
        write(pod, PodStatuses.failed(pod.getStatus(), providerName, reason, message, now));
    }

    private void write(Pod pod, PodStatus status) throws StaleResourceVersionException {
        if (status.equals(pod.getStatus())) {
            return;
        }
        Pod update = Serialization.copy(pod);
        update.setStatus(status);
        statusWriter.writeStatus(update).ifPresent(desired::upsert);
    }

    /** Removes every run of the pod before the given one but the last, kept for its logs. */
    private void removeOlderRuns(Pod pod, int keptRun) throws SandboxException {
        for (OwnedSandbox sandbox : inventory.ofPod(DesiredPods.uid(pod))) {
            if (sandbox.run() < keptRun) {
                sandbox.provider().remove(sandbox.sandboxId());
                LOG.debug("removed old run pod={} sandbox={}", pod.key(), sandbox.sandboxId());
            }
        }
    }

    /**
     * Stops the sandboxes of a pod that reached a terminal phase, then reports sandboxState Exited.
     * The pod keeps its phase.
     */
    private void stopRunning(Pod pod, List<OwnedSandbox> sandboxes, String cause) throws SandboxException,
            StaleResourceVersionException {
        AtomicReference<Pod> latest = new AtomicReference<>(pod);
        SandboxStatus lastExited = null;
        for (OwnedSandbox sandbox : sandboxes) {
            if (sandbox.status().state() == SandboxState.RUNNING) {
                recorder.normal(pod, "Killing", "Stopping sandbox " + sandbox.sandboxId() + " because " + cause);
                lastExited = stopAndReport(latest, sandbox, grace(pod));
                LOG.info("sandbox stopped pod={} sandbox={} provider={} because {}", pod.key(), sandbox.sandboxId(),
                        sandbox.provider().name(), cause);
            } else if (sandbox.status().state() == SandboxState.EXITED) {
                lastExited = sandbox.status();
            }
        }

        // Also reached when an earlier reconcile stopped the sandbox but lost the race to write Exited.
        Pod current = latest.get();
        AgentSandboxState reported = current.getStatus().resolvedSandboxState();
        boolean reportedActive = reported == AgentSandboxState.RUNNING || reported == AgentSandboxState.STOPPING;
        if (reportedActive && lastExited != null) {
            transition(current, AgentSandboxState.EXITED);
            write(current, PodStatuses.stopped(current.getStatus(), lastExited, clock.instant()));
        }
    }

    /**
     * Stops one sandbox. Writes sandboxState Stopping first when the grace period is at least the
     * report delay, because a shorter stop ends before a user could see it.
     */
    private SandboxStatus stopAndReport(AtomicReference<Pod> pod, OwnedSandbox sandbox, Duration grace)
            throws SandboxException {
        transition(pod.get(), AgentSandboxState.STOPPING);
        if (grace.compareTo(SlowStepReporter.REPORT_DELAY) >= 0) {
            slowSteps.writeQuietly(pod, PodStatuses::stopping);
        }
        return sandbox.provider().stop(sandbox.sandboxId(), grace);
    }

    /** Stops and removes every sandbox of a pod that is gone or bound elsewhere. */
    private void tearDown(String podUid, List<OwnedSandbox> sandboxes) throws SandboxException {
        Optional<Pod> last = desired.departed(podUid).or(() -> desired.get(podUid));
        String podKey = last.map(Pod::key).orElse("uid:" + podUid);
        Duration grace = last.map(this::grace).orElse(defaultGrace);
        // Only a pod still stored and bound here, such as one being deleted, takes status writes from this node.
        Optional<AtomicReference<Pod>> deleting = desired.departed(podUid).isPresent() ? Optional.empty()
                : desired.get(podUid).filter(pod -> nodeName.equals(pod.getSpec().getNodeName()))
                        .map(AtomicReference::new);

        for (OwnedSandbox sandbox : sandboxes) {
            SandboxProvider provider = sandbox.provider();
            if (sandbox.status().state() != SandboxState.EXITED) {
                last.ifPresent(pod -> recorder.normal(pod, "Killing", "Stopping sandbox " + sandbox.sandboxId()
                        + " because the pod is deleted or bound elsewhere"));
                if (deleting.isPresent()) {
                    SandboxStatus stopped = stopAndReport(deleting.get(), sandbox, grace);
                    slowSteps.writeQuietly(deleting.get(),
                            current -> PodStatuses.stopped(current, stopped, clock.instant()));
                } else {
                    provider.stop(sandbox.sandboxId(), grace);
                }
            }
            provider.remove(sandbox.sandboxId());
            knownRunning.remove(sandbox.sandboxId());
            loggedExits.remove(sandbox.sandboxId());
            LOG.info("sandbox removed pod={} sandbox={} provider={} because {}", podKey, sandbox.sandboxId(),
                    provider.name(), last.isPresent() ? "the pod is deleted or bound elsewhere" : "no pod owns it");
        }
        desired.forgetDeparted(podUid);
        backoff.forget(podUid);
        states.remove(podUid);
    }

    /** Stops the timer of the transitional status writes. */
    @Override
    public void close() {
        slowSteps.close();
    }

    private Duration grace(Pod pod) {
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        return seconds == null ? defaultGrace : Duration.ofSeconds(Math.max(0, seconds));
    }
}
