package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.output.Describer;
import io.boss.cli.resource.KindNames;
import io.boss.cli.resource.ResourceNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl describe KIND NAME} (or {@code KIND/NAME}): key fields, status, conditions and,
 * for a pod, why it waits, runs or failed; for a node, each provider with its health reason.
 */
@Command(name = "describe", description = "Show the details and status of one object.")
public class DescribeCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "Kind, or KIND/NAME such as pod/web.")
    private String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name of the object.")
    private String name;

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
        connection.out().print(new Describer(connection.root().clock().instant()).describe(item));
        connection.out().flush();
        return OK;
    }
}
