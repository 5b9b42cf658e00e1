package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.security.AccessReview;
import io.boss.cli.client.ClusterApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code bossctl auth can-i VERB KIND[/SUBRESOURCE] [NAME]}: prints {@code yes} or {@code no} with
 * the server's reason and exits 0 or 1, as {@code kubectl auth can-i} does.
 */
@Command(name = "can-i", description = "Check whether you may perform a verb on a kind, such as: can-i create pods.")
public class CanICommand extends ApiCommand {

    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "delete", "*");

    @Parameters(index = "0", paramLabel = "VERB", description = "get, list, watch, create, update, delete or *.")
    private String verb;

    @Parameters(index = "1", paramLabel = "KIND",
            description = "A kind such as pods or deployment, optionally with a subresource such as pods/status.")
    private String kindText;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "One object's name.")
    private String name;

    private ResourceKind kind;
    private String subresource;

    @Override
    protected void validateArguments() {
        if (!VERBS.contains(verb)) {
            throw usageError("invalid verb \"" + verb + "\": use one of " + String.join(", ", VERBS));
        }
        int slash = kindText.indexOf('/');
        kind = resolveKind(slash < 0 ? kindText : kindText.substring(0, slash));
        subresource = slash < 0 ? null : kindText.substring(slash + 1);
    }

    @Override
    protected int execute(ClusterApi api) {
        String resource = subresource == null ? kind.plural() : kind.plural() + "/" + subresource;
        AccessReview review = api.canI(verb, resource, namespaceFor(kind), name);
        PrintWriter out = connection.out();
        out.println((review.allowed() ? "yes" : "no") + " - " + review.reason());
        out.flush();
        return review.allowed() ? OK : FAILED;
    }
}
