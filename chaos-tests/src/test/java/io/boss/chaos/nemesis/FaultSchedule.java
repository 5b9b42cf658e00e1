package io.boss.chaos.nemesis;

import io.boss.chaos.cluster.ChaosCluster;
import io.boss.chaos.history.History;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults one after another from a seeded random source: pick a fault and its target,
 * hold it for 3 to 8 seconds, undo it, let the cluster recover for 4 to 8 seconds, repeat. The
 * same seed gives the same sequence of choices; the targets it resolves at run time (which
 * replica leads) depend on the cluster.
 */
public final class FaultSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);

    private final ChaosCluster cluster;
    private final History history;
    private final Random random;
    private final List<Fault> faults;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);

    public FaultSchedule(ChaosCluster cluster, History history, long seed, List<Fault> faults) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
        this.faults = List.copyOf(faults);
    }

    /** Injects faults until {@code duration} has passed; every fault is undone before it returns. */
    public void run(Duration duration) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            Fault fault = faults.get(random.nextInt(faults.size()));
            Duration hold = Duration.ofMillis(3_000 + random.nextInt(5_000));
            Duration recovery = Duration.ofMillis(4_000 + random.nextInt(4_000));
            inject(fault, hold);
            Thread.sleep(recovery.toMillis());
        }
    }

    /** Returns how many faults were injected. */
    public synchronized int count() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the count per fault, for the report. */
    public synchronized Map<Fault, Integer> counts() {
        return new EnumMap<>(injected);
    }

    private void inject(Fault fault, Duration hold) throws IOException, InterruptedException {
        List<String> replicas = cluster.replicaIds();
        String leader = cluster.leader().orElse(replicas.get(random.nextInt(replicas.size())));
        List<String> followers = new ArrayList<>(replicas);
        followers.remove(leader);
        String follower = followers.get(random.nextInt(followers.size()));
        List<String> agents = cluster.agentNames();
        String agent = agents.get(random.nextInt(agents.size()));
        boolean leaderSide = random.nextBoolean();

        String target = switch (fault) {
            case KILL_LEADER, PAUSE_LEADER -> leader;
            case KILL_FOLLOWER, PAUSE_FOLLOWER -> follower;
            case PARTITION_ONE -> leaderSide ? leader : follower;
            case KILL_AGENT -> agent;
            case PARTITION_LEADER_AND_KILL_AGENT -> leader + "+" + agent;
        };
        record(fault, target, hold);

        switch (fault) {
            case KILL_LEADER, KILL_FOLLOWER -> {
                cluster.replica(target).kill();
                Thread.sleep(hold.toMillis());
                cluster.restartReplica(target);
            }
            case PAUSE_LEADER, PAUSE_FOLLOWER -> {
                cluster.replica(target).pause();
                Thread.sleep(hold.toMillis());
                cluster.replica(target).resume();
            }
            case PARTITION_ONE -> {
                cluster.isolate(target);
                Thread.sleep(hold.toMillis());
                cluster.heal();
            }
            case KILL_AGENT -> {
                cluster.agent(target).kill();
                Thread.sleep(hold.toMillis());
                cluster.restartAgent(target);
            }
            case PARTITION_LEADER_AND_KILL_AGENT -> {
                cluster.isolate(leader);
                cluster.agent(agent).kill();
                Thread.sleep(hold.toMillis());
                cluster.heal();
                cluster.restartAgent(agent);
            }
        }
        history.event("heal", fault + " " + target);
    }

    private synchronized void record(Fault fault, String target, Duration hold) {
        injected.merge(fault, 1, Integer::sum);
        LOG.info("fault {} on {} for {} ms", fault, target, hold.toMillis());
        history.event("fault", fault + " " + target + " for " + hold.toMillis() + " ms");
    }
}
