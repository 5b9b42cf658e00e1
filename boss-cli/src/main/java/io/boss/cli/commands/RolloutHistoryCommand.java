package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.model.Deployment;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.output.Table;
import io.boss.cli.resource.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl rollout history deployment/NAME}: lists the deployment's ReplicaSets by their
 * {@code boss.io/revision} annotation, oldest first.
 */
@Command(name = "history", description = "List a deployment's revisions.")
public class RolloutHistoryCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "deployment/NAME", description = "The deployment.")
    private String target;

    private String name;

    @Override
    protected void validateArguments() {
        try {
            name = DeploymentArgument.parse(target);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        Deployment deployment = (Deployment) api.get(ResourceKind.DEPLOYMENT, connection.namespace(), name)
                .orElseThrow(() -> new ResourceNotFoundException(ResourceKind.DEPLOYMENT, name));
        List<ReplicaSet> revisions = revisions(api, deployment);
        connection.out().println("deployment/" + name);
        Table table = new Table("REVISION", "REPLICASET", "REPLICAS", "CHANGE-CAUSE");
        for (ReplicaSet replicaSet : revisions) {
            table.addRow(List.of(String.valueOf(revision(replicaSet)), replicaSet.getMetadata().getName(),
                    String.valueOf(replicaSet.getSpec().desiredReplicas()),
                    replicaSet.getMetadata().getAnnotations().getOrDefault(RolloutCommand.CHANGE_CAUSE_ANNOTATION, "")));
        }
        table.print(connection.out());
        return OK;
    }

    /** Returns the ReplicaSets the deployment controls that carry a revision, oldest revision first. */
    static List<ReplicaSet> revisions(ClusterApi api, Deployment deployment) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (Resource item : api.list(ResourceKind.REPLICA_SET, deployment.getMetadata().getNamespace(), null, null).getItems()) {
            ReplicaSet replicaSet = (ReplicaSet) item;
            if (isControlledBy(replicaSet, deployment) && revision(replicaSet) > 0) {
                owned.add(replicaSet);
            }
        }
        owned.sort(Comparator.comparingLong(RolloutHistoryCommand::revision));
        return owned;
    }

    /** Returns the revision annotation as a number, or 0 when it is missing or not a number. */
    static long revision(ReplicaSet replicaSet) {
        String value = replicaSet.getMetadata().getAnnotations().get(RolloutCommand.REVISION_ANNOTATION);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isControlledBy(ReplicaSet replicaSet, Deployment deployment) {
        for (OwnerReference owner : replicaSet.getMetadata().getOwnerReferences()) {
            boolean sameName = "Deployment".equals(owner.getKind()) && deployment.getMetadata().getName().equals(owner.getName());
            boolean sameUid = owner.getUid() == null || owner.getUid().equals(deployment.getMetadata().getUid());
            if (sameName && sameUid) {
                return true;
            }
        }
        return false;
    }
}
