package io.boss.server.leader;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.server.api.Manifests;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.HttpApi.WatchConnection;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.LocalCluster.Replica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leader loss and quorum loss on a real three-replica cluster. The tests run in order on one
 * cluster, because each costs a failover: the first two restart the replica they stop, the last
 * one leaves two replicas stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FailoverTest {

    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
    private static final String PODS = "/api/v1/namespaces/failover/pods";

    private final HttpApi api = new HttpApi();
    private final List<RecordingService.Transition> transitions = Collections.synchronizedList(new ArrayList<>());
    private LocalCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        cluster = LocalCluster.builder(tempDir).replicas(3).withoutBuiltInLeaderServices()
                .leaderService(context -> new RecordingService(context.store().replicaId(), transitions))
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void leaderLossMovesLeaderServicesAndWritesResume() {
        Replica oldLeader = cluster.awaitLeader(FAILOVER_BOUND);
        long oldTerm = oldLeader.context().store().currentTerm();
        await("the leader-only service to start on the leader").atMost(FAILOVER_BOUND)
                .untilAsserted(() -> assertTrue(transitions.contains(new RecordingService.Transition(oldLeader.id(), oldTerm, true))));

        oldLeader.stop();
        Replica survivor = cluster.running().get(0);
        long stoppedAt = System.nanoTime();
        await("a write through a surviving replica to succeed").atMost(FAILOVER_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post(survivor.apiUri(), PODS, Manifests.pod("after-failover")).status() == 201);
        long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        System.out.printf("write accepted %d ms after the leader stopped%n", failoverMillis);

        Replica newLeader = cluster.awaitLeader(FAILOVER_BOUND);
        long newTerm = newLeader.context().store().currentTerm();
        assertNotEquals(oldLeader.id(), newLeader.id());
        assertTrue(newTerm > oldTerm, "term must grow: " + oldTerm + " -> " + newTerm);
        await("the leader-only service to start on the new leader").atMost(FAILOVER_BOUND)
                .untilAsserted(() -> assertTrue(transitions.contains(new RecordingService.Transition(newLeader.id(), newTerm, true))));
        for (Replica replica : cluster.running()) {
            long expected = replica == newLeader ? newTerm : -1;
            assertEquals(expected, replica.application().leadership().activeTerm(), "services on " + replica.id());
        }

        oldLeader.start();
        assertAtMostOneReplicaStartedPerTerm();
    }

    @Test
    @Order(2)
    void watchCarriedAcrossFailoverSeesEveryRevisionOnce() {
        Replica leader = cluster.awaitLeader(FAILOVER_BOUND);
        Replica writer = cluster.running().stream().filter(replica -> replica != leader).findFirst().orElseThrow();
        String start = api.get(writer.apiUri(), PODS).resourceVersion();

        List<JsonNode> events = new ArrayList<>();
        WatchConnection watch = api.watch(leader.apiUri(), PODS + "?watch=true&resourceVersion=" + start);
        Map<String, String> created = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                leader.stop();
                await("the watch on the stopped leader to end").atMost(FAILOVER_BOUND).until(watch::ended);
                watch.events().drainTo(events);
                String resumeFrom = lastRevision(events, start);
                watch = api.watch(writer.apiUri(), PODS + "?watch=true&resourceVersion=" + resumeFrom);
                assertEquals(200, watch.status());
            }
            String name = "carried-" + i;
            created.put(name, createWithRetry(writer.apiUri(), name));
        }

        WatchConnection resumed = watch;
        await("every create to arrive on the resumed watch").atMost(FAILOVER_BOUND).untilAsserted(() -> {
            resumed.events().drainTo(events);
            assertEquals(created.keySet(), addedNames(events));
        });
        resumed.close();

        List<String> seenRevisions = new ArrayList<>();
        Map<String, String> addedRevision = new HashMap<>();
        long previous = Long.parseLong(start);
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            if (!type.equals("ADDED") && !type.equals("MODIFIED") && !type.equals("DELETED")) {
                continue;
            }
            String revision = event.path("object").path("metadata").path("resourceVersion").asText();
            assertTrue(Long.parseLong(revision) > previous, "revisions must increase: " + events);
            previous = Long.parseLong(revision);
            seenRevisions.add(revision);
            addedRevision.put(event.path("object").path("metadata").path("name").asText(), revision);
        }
        assertEquals(created.size(), seenRevisions.size(), "each create exactly once: " + seenRevisions);
        assertEquals(created, addedRevision);

        leader.start();
        assertAtMostOneReplicaStartedPerTerm();
    }

    @Test
    @Order(3)
    void writesWithoutQuorumFailWithNoQuorumInBoundedTime() {
        cluster.awaitLeader(FAILOVER_BOUND);
        List<Replica> replicas = cluster.running();
        replicas.get(0).stop();
        replicas.get(1).stop();
        Replica alone = replicas.get(2);

        long started = System.nanoTime();
        Reply write = api.post(alone.apiUri(), PODS, Manifests.pod("no-quorum"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(503, write.status(), write.text());
        assertEquals("NoQuorum", write.reason());
        // The store gives up after its request timeout (3 s in LocalCluster); allow for a loaded machine.
        assertTrue(elapsedMillis < 15_000, "NoQuorum took " + elapsedMillis + " ms");
        System.out.printf("NoQuorum returned after %d ms%n", elapsedMillis);
    }

    private String createWithRetry(URI server, String name) {
        String[] revision = new String[1];
        await("create of " + name + " to succeed").atMost(FAILOVER_BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            Reply reply = api.post(server, PODS, Manifests.pod(name));
            if (reply.status() == 201) {
                revision[0] = reply.resourceVersion();
                return true;
            }
            if (reply.status() == 409) {
                // An earlier attempt timed out but committed; its revision is the object's current one.
                // The read can itself fail while the group elects a leader, so it is retried too.
                Reply read = api.get(server, PODS + "/" + name);
                revision[0] = read.resourceVersion();
                return read.status() == 200;
            }
            return false;
        });
        return revision[0];
    }

    private static String lastRevision(List<JsonNode> events, String fallback) {
        String last = fallback;
        for (JsonNode event : events) {
            if (!event.path("type").asText().equals("ERROR")) {
                last = event.path("object").path("metadata").path("resourceVersion").asText();
            }
        }
        return last;
    }

    private static Set<String> addedNames(List<JsonNode> events) {
        Set<String> names = new HashSet<>();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("ADDED")) {
                names.add(event.path("object").path("metadata").path("name").asText());
            }
        }
        return names;
    }

    private void assertAtMostOneReplicaStartedPerTerm() {
        Map<Long, Set<String>> startsByTerm = new HashMap<>();
        synchronized (transitions) {
            for (RecordingService.Transition transition : transitions) {
                if (transition.started()) {
                    startsByTerm.computeIfAbsent(transition.term(), term -> new HashSet<>()).add(transition.replicaId());
                }
            }
        }
        startsByTerm.forEach((term, replicas) ->
                assertEquals(1, replicas.size(), "term " + term + " started on " + replicas));
    }
}
