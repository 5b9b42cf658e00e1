package io.boss.chaos;

import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.error.BossApiException;
import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.Event;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.chaos.checker.AckedWritesChecker;
import io.boss.chaos.checker.Anomaly;
import io.boss.chaos.checker.ConvergenceChecker;
import io.boss.chaos.checker.LinearizabilityChecker;
import io.boss.chaos.checker.PodChecker;
import io.boss.chaos.checker.WatchChecker;
import io.boss.chaos.checker.WatchLog;
import io.boss.chaos.checker.WatchLog.KeyState;
import io.boss.chaos.cluster.ChaosCluster;
import io.boss.chaos.cluster.ClusterSettings;
import io.boss.chaos.cluster.HostProcesses;
import io.boss.chaos.history.History;
import io.boss.chaos.history.Outcome;
import io.boss.chaos.nemesis.Fault;
import io.boss.chaos.nemesis.FaultSchedule;
import io.boss.chaos.workload.PodWorkload;
import io.boss.chaos.workload.RegisterClient;
import io.boss.chaos.workload.RegisterWorkload;
import io.boss.chaos.workload.SetWorkload;
import io.boss.chaos.workload.WatchRecorder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run: start the cluster, run the workloads while the fault schedule runs, undo every
 * fault, read the final state, run every checker, print the summary line and write the history.
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final String REGISTER_NAMESPACE = "chaos-kv";
    private static final String SET_NAMESPACE = "chaos-set";
    private static final String POD_NAMESPACE = "chaos-pods";
    private static final String HEALTH_NAMESPACE = "chaos-health";

    /** What a run found. {@code summary} is the line {@code chaos: <ops> ops, <faults> faults, <anomalies> anomalies}. */
    public record Result(long seed, int ops, int faults, Map<Fault, Integer> faultCounts, List<Anomaly> anomalies,
                         List<String> uncheckedKeys, Path historyFile, String summary) {
    }

    private final long seed;
    private final Duration duration;
    private final List<Fault> faults;
    private final Path workDir;

    public ChaosRun(long seed, Duration duration, List<Fault> faults, Path workDir) {
        this.seed = seed;
        this.duration = duration;
        this.faults = List.copyOf(faults);
        this.workDir = workDir;
    }

    /** Runs the whole scenario; the cluster is stopped when this returns or throws. */
    public Result run() throws IOException, InterruptedException {
        System.out.println("chaos: seed " + seed + " (repeat this run with -Dchaos.seed=" + seed + ")");
        History registerHistory = new History();
        History setHistory = new History();
        Path runDir = workDir.resolve("run-" + seed + "-" + System.currentTimeMillis());

        try (ChaosCluster cluster = ChaosCluster.start(ClusterSettings.fromSystemProperties(), runDir);
             BossClient client = BossClient.builder().endpoints(cluster.endpointsStartingWith("r1"))
                     .retryTimeout(Duration.ofSeconds(60)).build()) {
            awaitReadyNodes(client, cluster.agentNames().size());
            Map<String, String> endpoints = new LinkedHashMap<>();
            cluster.replicaIds().forEach(id -> endpoints.put(id, cluster.endpoint(id)));

            long startRevision = Long.parseLong(client.list(Lease.class, REGISTER_NAMESPACE, null, null).resourceVersion());
            List<WatchLog> watchLogs = new ArrayList<>();
            List<BossClient> watchClients = new ArrayList<>();
            for (String id : cluster.replicaIds()) {
                WatchLog log = new WatchLog("watcher@" + id);
                BossClient watchClient = BossClient.builder().endpoints(cluster.endpointsStartingWith(id)).build();
                watchClients.add(watchClient);
                watchLogs.add(log);
                WatchRecorder.watchRegisters(watchClient, REGISTER_NAMESPACE, startRevision, log);
            }
            PodChecker podChecker = new PodChecker();
            WatchHandle podWatch = WatchRecorder.watchPods(client, POD_NAMESPACE, podChecker);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleWithFixedDelay(() -> podChecker.observeHost(HostProcesses.sandboxes(cluster.agentsDir())),
                    0, 500, TimeUnit.MILLISECONDS);

            RegisterWorkload registers = new RegisterWorkload(registerHistory, endpoints, REGISTER_NAMESPACE, 4, seed,
                    Duration.ofSeconds(20), Duration.ofMillis(40));
            SetWorkload set = new SetWorkload(setHistory, endpoints, SET_NAMESPACE, seed + 1000, Duration.ofMillis(100));
            PodWorkload pods = new PodWorkload(client, POD_NAMESPACE, registerHistory, seed + 2000);
            FaultSchedule schedule = new FaultSchedule(cluster, registerHistory, seed, faults);
            try {
                registers.start();
                set.start();
                pods.start();
                schedule.run(duration);
            } finally {
                registers.close();
                set.close();
            }
            pods.close();
            cluster.awaitLeader(Duration.ofSeconds(60));
            List<Anomaly> anomalies = new ArrayList<>(awaitEveryReplicaCommits(endpoints));
            registerHistory.event("phase", "faults stopped; final reads");
            registers.finalReads();

            long fenceRevision = writeFence(client);
            ObjectList<Lease> finalLeases = client.list(Lease.class, REGISTER_NAMESPACE, null, null);
            long finalRevision = Long.parseLong(finalLeases.resourceVersion());
            Map<String, KeyState> finalState = new LinkedHashMap<>();
            for (Lease lease : finalLeases.getItems()) {
                finalState.put(lease.getMetadata().getName(), new KeyState(lease.getSpec().getHolderIdentity(),
                        Long.parseLong(lease.getMetadata().getResourceVersion())));
            }
            awaitWatchers(watchLogs, fenceRevision);

            LinearizabilityChecker.Result linearizability = new LinearizabilityChecker(2_000, 5_000_000)
                    .check(registerHistory.ops());
            anomalies.addAll(linearizability.anomalies());
            Set<String> setKeys = client.list(Lease.class, SET_NAMESPACE, null, null).getItems().stream()
                    .map(lease -> lease.getMetadata().getName()).collect(Collectors.toSet());
            anomalies.addAll(AckedWritesChecker.check(setHistory.ops(), setKeys));
            anomalies.addAll(WatchChecker.check(watchLogs, finalState, finalRevision, fenceRevision));
            anomalies.addAll(awaitConvergence(client, pods, cluster));
            sampler.shutdownNow();
            podWatch.close();
            watchClients.forEach(BossClient::close);
            anomalies.addAll(podChecker.anomalies());

            int ops = registers.ops() + set.ops() + pods.ops();
            String summary = "chaos: " + ops + " ops, " + schedule.count() + " faults, " + anomalies.size() + " anomalies";
            Path historyFile = workDir.resolve("history-" + seed + ".jsonl");
            anomalies.forEach(anomaly -> registerHistory.event("anomaly", anomaly.toString()));
            registerHistory.write(historyFile);
            setHistory.write(workDir.resolve("history-" + seed + "-set.jsonl"));

            LOG.info("checked {} register keys ({} unchecked: {}), {} set creates, {} watch changes, {} host samples",
                    linearizability.checkedKeys(), linearizability.uncheckedKeys().size(),
                    linearizability.uncheckedKeys(), setHistory.ops().size(),
                    watchLogs.stream().mapToInt(WatchLog::changeCount).sum(), podChecker.hostSamples());
            LOG.info("faults injected: {}", schedule.counts());
            anomalies.forEach(anomaly -> LOG.error("anomaly: {}", anomaly));
            System.out.println(summary);
            return new Result(seed, ops, schedule.count(), schedule.counts(), anomalies,
                    linearizability.uncheckedKeys(), historyFile, summary);
        }
    }

    private static void awaitReadyNodes(BossClient client, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            long ready = client.list(Node.class, null, null, null).getItems().stream()
                    .filter(node -> node.getStatus() != null && node.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                    .count();
            if (ready >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(expected + " node agents did not report Ready within 120 s");
    }

    /**
     * Waits until a write through each replica commits. A replica that cannot commit for 90 s
     * after the faults stopped is an anomaly, such as a stuck Raft server.
     */
    private static List<Anomaly> awaitEveryReplicaCommits(Map<String, String> endpoints) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        RegisterClient client = new RegisterClient(http, new History(), HEALTH_NAMESPACE, 200, Duration.ofSeconds(5));
        List<Anomaly> anomalies = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (Map.Entry<String, String> replica : endpoints.entrySet()) {
            int attempt = 0;
            while (client.create(replica.getKey(), replica.getValue(), "alive-" + replica.getKey() + "-" + attempt,
                    "alive").outcome() != Outcome.OK) {
                attempt++;
                if (System.nanoTime() > deadline) {
                    anomalies.add(new Anomaly("availability", "replica " + replica.getKey()
                            + " did not commit a write within 90 s after the faults stopped"));
                    break;
                }
                Thread.sleep(500);
            }
        }
        return anomalies;
    }

    /**
     * Writes the last change of the register namespace, so that watchers have a revision to
     * confirm. The key is not a register, and the linearizability check never reads it.
     */
    private static long writeFence(BossClient client) {
        Lease fence = new Lease();
        fence.getMetadata().setNamespace(REGISTER_NAMESPACE);
        fence.getMetadata().setName("fence");
        fence.getSpec().setHolderIdentity("fence");
        return Long.parseLong(client.create(fence).getMetadata().getResourceVersion());
    }

    /** Waits until every watcher confirmed {@code revision}; a watcher that does not is reported by the checker. */
    private static void awaitWatchers(List<WatchLog> logs, long revision) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (logs.stream().allMatch(log -> log.confirmedRevision() >= revision)) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** Waits up to two minutes for the end state; returns one anomaly per problem left after that. */
    private static List<Anomaly> awaitConvergence(BossClient client, PodWorkload pods, ChaosCluster cluster)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> problems = List.of();
        while (System.nanoTime() < deadline) {
            try {
                problems = convergenceProblems(client, pods, cluster);
            } catch (BossApiException e) {
                if (e.code() < 500) {
                    throw e;
                }
                problems = List.of("reading the end state failed: " + e.getMessage());
            }
            if (problems.isEmpty()) {
                return List.of();
            }
            Thread.sleep(1_000);
        }
        logEndState(client);
        return problems.stream().map(problem -> new Anomaly("convergence", problem)).toList();
    }

    /**
     * Logs the state that explains why the pods did not converge: every node's readiness,
     * the workload objects with their status, every pod with its node and phase, and the events.
     */
    private static void logEndState(BossClient client) {
        try {
            for (Node node : client.list(Node.class, null, null, null).getItems()) {
                LOG.error("end state: node {} conditions {}", node.getMetadata().getName(),
                        node.getStatus() == null ? "none" : node.getStatus().getConditions().stream()
                                .map(c -> c.getType() + "=" + c.getStatus() + "(" + c.getReason() + ")").toList());
            }
            for (Deployment deployment : client.list(Deployment.class, POD_NAMESPACE, null, null).getItems()) {
                LOG.error("end state: deployment {} generation {} spec.replicas {} status {}",
                        deployment.getMetadata().getName(), deployment.getMetadata().getGeneration(),
                        deployment.getSpec().getReplicas(), Serialization.toJson(deployment.getStatus()));
            }
            for (ReplicaSet replicaSet : client.list(ReplicaSet.class, POD_NAMESPACE, null, null).getItems()) {
                LOG.error("end state: replicaset {} spec.replicas {} status {}", replicaSet.getMetadata().getName(),
                        replicaSet.getSpec().getReplicas(), Serialization.toJson(replicaSet.getStatus()));
            }
            for (Pod pod : client.list(Pod.class, POD_NAMESPACE, null, null).getItems()) {
                LOG.error("end state: pod {} uid {} node {} deleting {} status {}", pod.getMetadata().getName(),
                        pod.getMetadata().getUid(), pod.getSpec().getNodeName(),
                        pod.getMetadata().getDeletionTimestamp() != null, Serialization.toJson(pod.getStatus()));
            }
            for (Event event : client.list(Event.class, POD_NAMESPACE, null, null).getItems()) {
                LOG.error("end state: event {}/{} {} x{}: {}", event.getInvolvedObject().getKind(),
                        event.getInvolvedObject().getName(), event.getReason(), event.getCount(), event.getMessage());
            }
        } catch (BossApiException e) {
            LOG.error("end state could not be read: {}", e.getMessage());
        }
    }

    private static List<String> convergenceProblems(BossClient client, PodWorkload pods, ChaosCluster cluster) {
        int desired = pods.desiredReplicas();
        List<ConvergenceChecker.PodState> podStates = client.list(Pod.class, POD_NAMESPACE, null, null).getItems()
                .stream()
                .map(pod -> new ConvergenceChecker.PodState(pod.getMetadata().getUid(), pod.getMetadata().getName(),
                        pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                        pod.getMetadata().getDeletionTimestamp() != null,
                        PodWorkload.APP_LABEL.equals(pod.getMetadata().getLabels().get("app"))))
                .toList();
        return ConvergenceChecker.problems(desired, podStates, HostProcesses.sandboxes(cluster.agentsDir()));
    }
}
