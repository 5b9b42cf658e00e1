package io.boss.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Deployment;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.ReplicaSet;
import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import io.boss.cli.testing.Fixtures;
import io.boss.cli.testing.InMemoryClusterApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollout status checks, history and undo, scale and delete against an in-memory store. */
class RolloutCommandTest {

    private final InMemoryClusterApi api = new InMemoryClusterApi();

    private CliRunner runner() {
        return new CliRunner().apiFactory(settings -> api);
    }

    private static Deployment deploymentWithStatus(long generation, long observed, int updated, int total, int available) {
        Deployment deployment = Fixtures.deployment("default", "web", 3);
        deployment.getMetadata().setGeneration(generation);
        deployment.getStatus().setObservedGeneration(observed);
        deployment.getStatus().setUpdatedReplicas(updated);
        deployment.getStatus().setReplicas(total);
        deployment.getStatus().setAvailableReplicas(available);
        return deployment;
    }

    @Test
    void statusFollowsKubectlSteps() {
        assertEquals("Waiting for deployment spec update to be observed...",
                RolloutStatusCommand.progress(deploymentWithStatus(2, 1, 3, 3, 3)).line());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...",
                RolloutStatusCommand.progress(deploymentWithStatus(2, 2, 1, 4, 1)).line());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
                RolloutStatusCommand.progress(deploymentWithStatus(2, 2, 3, 4, 3)).line());
        assertEquals("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...",
                RolloutStatusCommand.progress(deploymentWithStatus(2, 2, 3, 3, 2)).line());
        RolloutStatusCommand.Progress done = RolloutStatusCommand.progress(deploymentWithStatus(2, 2, 3, 3, 3));
        assertEquals("deployment \"web\" successfully rolled out", done.line());
        assertTrue(done.done());
        assertFalse(RolloutStatusCommand.progress(deploymentWithStatus(2, 2, 3, 3, 2)).done());
    }

    @Test
    void statusFailsWhenProgressDeadlineExceeded() {
        Deployment deployment = deploymentWithStatus(2, 2, 1, 3, 1);
        deployment.getStatus().setConditions(List.of(new Condition(ConditionTypes.PROGRESSING, Condition.FALSE,
                RolloutStatusCommand.DEADLINE_EXCEEDED_REASON, "replica set web-2 has timed out progressing")));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> RolloutStatusCommand.progress(deployment));

        assertEquals("deployment \"web\" exceeded its progress deadline: replica set web-2 has timed out progressing", error.getMessage());
    }

    @Test
    void statusCommandReturnsOnceRolledOut() {
        api.put(deploymentWithStatus(1, 1, 3, 3, 3));

        Result result = runner().run("rollout", "status", "deployment/web", "--timeout", "5");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("deployment \"web\" successfully rolled out", result.out().strip());
    }

    private void storeRevision(Deployment owner, int revision, String command) {
        ReplicaSet replicaSet = new ReplicaSet("default", "web-" + revision);
        replicaSet.getMetadata().setAnnotations(Map.of(RolloutCommand.REVISION_ANNOTATION, String.valueOf(revision)));
        OwnerReference reference = new OwnerReference();
        reference.setKind("Deployment");
        reference.setName("web");
        reference.setUid(owner.getMetadata().getUid());
        reference.setController(true);
        replicaSet.getMetadata().setOwnerReferences(List.of(reference));
        replicaSet.getSpec().setReplicas(revision == 2 ? 3 : 0);
        replicaSet.getSpec().setTemplate(io.boss.api.json.Serialization.copy(owner.getSpec().getTemplate()));
        replicaSet.getSpec().getTemplate().getSpec().getContainers().get(0).setCommand(List.of("sleep", command));
        replicaSet.getSpec().getTemplate().getMetadata().getLabels().put(RolloutCommand.TEMPLATE_HASH_LABEL, "hash" + revision);
        api.put(replicaSet);
    }

    @Test
    void undoRestoresPreviousRevision() {
        Deployment web = (Deployment) api.put(Fixtures.deployment("default", "web", 3));
        storeRevision(web, 2, "200");
        storeRevision(web, 1, "100");
        api.put(new ReplicaSet("default", "unrelated"));

        Result history = runner().run("rollout", "history", "deployment/web");
        Result undo = runner().run("rollout", "undo", "deployment/web");
        Result undoAgain = runner().run("rollout", "undo", "deployment/web");

        List<String> lines = history.out().lines().toList();
        assertEquals("deployment/web", lines.get(0));
        assertEquals("REVISION   REPLICASET   REPLICAS   CHANGE-CAUSE", lines.get(1));
        assertTrue(lines.get(2).startsWith("1          web-1        0"), lines.get(2));
        assertTrue(lines.get(3).startsWith("2          web-2        3"), lines.get(3));
        assertEquals("deployment/web rolled back to revision 1", undo.out().strip());
        assertEquals("deployment/web skipped rollback (current template already matches revision 1)", undoAgain.out().strip());
        Deployment restored = (Deployment) api.get(ResourceKind.DEPLOYMENT, "default", "web").orElseThrow();
        assertEquals(List.of("sleep", "100"), restored.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
        assertFalse(restored.getSpec().getTemplate().getMetadata().getLabels().containsKey(RolloutCommand.TEMPLATE_HASH_LABEL));
    }

    @Test
    void undoToMissingRevisionNamesHistoryCommand() {
        Deployment web = (Deployment) api.put(Fixtures.deployment("default", "web", 3));
        storeRevision(web, 1, "100");

        Result result = runner().run("rollout", "undo", "deployment/web", "--to-revision", "7");

        assertEquals(1, result.exitCode());
        assertEquals("error: revision 7 of deployment \"web\" not found: run bossctl rollout history deployment/web", result.err().strip());
    }

    @Test
    void scaleSetsReplicasThroughConflicts() {
        api.put(Fixtures.deployment("default", "web", 3));
        api.injectConflicts(2);

        Result result = runner().run("scale", "deployment/web", "--replicas", "0");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("deployment/web scaled", result.out().strip());
        assertEquals(0, ((Deployment) api.get(ResourceKind.DEPLOYMENT, "default", "web").orElseThrow()).getSpec().getReplicas());
    }

    @Test
    void scaleOfMissingDeploymentIsNotFound() {
        Result result = runner().run("scale", "deploy", "absent", "--replicas", "1");

        assertEquals(1, result.exitCode());
        assertEquals("error: deployments \"absent\" not found", result.err().strip());
    }

    @Test
    void deleteReportsEachNameAndMissingOnes() {
        api.put(Fixtures.pod("default", "a", 1));

        Result result = runner().run("delete", "pods", "a", "b");

        assertEquals(1, result.exitCode());
        assertEquals("pod/a deleted", result.out().strip());
        assertEquals("error: pods \"b\" not found", result.err().strip());
        assertTrue(api.get(ResourceKind.POD, "default", "a").isEmpty());
    }
}
