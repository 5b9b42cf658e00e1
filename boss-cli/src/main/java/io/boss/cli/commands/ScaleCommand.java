package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.model.Deployment;
import io.boss.api.model.ReplicaSet;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.resource.CasUpdate;
import io.boss.cli.resource.KindNames;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl scale KIND NAME --replicas N}: sets {@code spec.replicas} of a Deployment or
 * ReplicaSet with compare-and-set; the controllers do the rest.
 */
@Command(name = "scale", description = "Set the number of replicas of a deployment or replica set.")
public class ScaleCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "deployments (deploy) or replicasets (rs), or KIND/NAME.")
    private String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name of the object.")
    private String name;

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "Desired number of replicas, 0 or more.")
    private int replicas;

    private ResourceKind kind;

    @Override
    protected void validateArguments() {
        if (name == null && kindName.contains("/")) {
            try {
                KindNames.TypedName typed = KindNames.parseTypedName(kindName);
                kind = typed.kind();
                name = typed.name();
            } catch (IllegalArgumentException e) {
                throw usageError(e.getMessage());
            }
        } else {
            kind = resolveKind(kindName);
        }
        if (name == null) {
            throw usageError("missing NAME: such as bossctl scale deployment web --replicas 3");
        }
        if (kind != ResourceKind.DEPLOYMENT && kind != ResourceKind.REPLICA_SET) {
            throw usageError("cannot scale " + kind.plural() + ": only deployments and replicasets have replicas");
        }
        if (replicas < 0) {
            throw usageError("invalid --replicas " + replicas + ": expected 0 or more");
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        CasUpdate.update(api, kind, connection.namespace(), name, object -> {
            if (object instanceof Deployment) {
                ((Deployment) object).getSpec().setReplicas(replicas);
            } else {
                ((ReplicaSet) object).getSpec().setReplicas(replicas);
            }
            return true;
        });
        connection.out().println(kind.kind().toLowerCase(Locale.ROOT) + "/" + name + " scaled");
        connection.out().flush();
        return OK;
    }
}
