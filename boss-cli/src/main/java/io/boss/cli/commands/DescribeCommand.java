package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Event;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectList;
import io.boss.api.model.ObjectReference;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.output.Describer;
import io.boss.cli.resource.KindNames;
import io.boss.cli.resource.ResourceNotFoundException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl describe KIND NAME} (or {@code KIND/NAME}): key fields, status, conditions and,
 * for a pod, why it waits, runs or failed; for a node, each provider with its health reason. A
 * pod, Deployment, ReplicaSet or node description ends with the object's events.
 */
@Command(name = "describe", description = "Show the details and status of one object.")
public class DescribeCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind, or KIND/NAME such as pod/web.")
    private String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name of the object.")
    private String name;

    private static final Set<ResourceKind> KINDS_WITH_EVENTS =
            EnumSet.of(ResourceKind.POD, ResourceKind.DEPLOYMENT, ResourceKind.REPLICA_SET, ResourceKind.NODE);

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
            return;
        }
        kind = resolveKind(kindName);
        if (name == null) {
            throw usageError("missing NAME: describe one object, such as bossctl describe " + kind.plural() + " NAME");
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        Resource item = api.get(kind, namespaceFor(kind), name).orElseThrow(() -> new ResourceNotFoundException(kind, name));
        Describer describer = new Describer(connection.root().clock().instant());
        if (item instanceof Node) {
            describer = nodeLease(api, name).map(describer::withNodeLease).orElse(describer);
        }
        if (!KINDS_WITH_EVENTS.contains(kind)) {
            connection.out().print(describer.describe(item));
            connection.out().flush();
            return OK;
        }

        String description;
        try {
            description = describer.describe(item, eventsAbout(api, item));
        } catch (BossApiException e) {
            description = describer.describeWithoutEvents(item, e.getMessage());
        }
        connection.out().print(description);
        connection.out().flush();
        return OK;
    }

    /**
     * Returns the Lease the node's agent renews as its heartbeat, or empty when it is missing or
     * the user may not read it: the description then shows the node's own heartbeat field.
     */
    private static Optional<Lease> nodeLease(ClusterApi api, String nodeName) {
        try {
            return api.get(ResourceKind.LEASE, Node.LEASE_NAMESPACE, nodeName).map(Lease.class::cast);
        } catch (BossApiException e) {
            return Optional.empty();
        }
    }

    /** Lists the events about {@code item}: same kind, name and uid, from the namespace that contains them. */
    private static List<Event> eventsAbout(ClusterApi api, Resource item) {
        ObjectReference involved = ObjectReference.of(item);
        String fieldSelector = "involvedObject.kind=" + involved.getKind() + ",involvedObject.name=" + involved.getName();
        if (involved.getUid() != null) {
            fieldSelector += ",involvedObject.uid=" + involved.getUid();
        }
        ObjectList<Resource> list = api.list(ResourceKind.EVENT, Event.namespaceFor(involved), null, fieldSelector);
        return list.getItems().stream().map(Event.class::cast).toList();
    }
}
