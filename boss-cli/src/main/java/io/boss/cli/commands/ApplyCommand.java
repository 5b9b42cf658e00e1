package io.boss.cli.commands;

import io.boss.api.model.Resource;
import io.boss.cli.ErrorReporter;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.client.UnreachableClusterException;
import io.boss.cli.output.ObjectPrinter;
import io.boss.cli.resource.Applier;
import io.boss.cli.resource.ManifestReader;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bossctl apply -f FILE|DIR|-}: creates each object of the manifests or updates it when it
 * exists. An object that fails is reported on stderr and the rest are still applied; the exit
 * code is then 1.
 */
@Command(name = "apply", description = "Create or update objects from YAML or JSON manifests.")
public class ApplyCommand extends ApiCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "Manifest file, directory of .yaml/.yml/.json files (name order), or - for standard input. Repeatable.")
    private List<String> sources;

    private List<Resource> resources;

    @Override
    protected void validateArguments() {
        resources = new ManifestReader(connection.root().stdin()).read(sources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("no objects found in " + String.join(", ", sources));
        }
        for (Resource resource : resources) {
            NamespaceDefaults.apply(resource, connection);
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        Applier applier = new Applier(api);
        PrintWriter out = connection.out();
        PrintWriter err = connection.err();
        int exitCode = OK;
        for (Resource resource : resources) {
            String name = ObjectPrinter.qualifiedName(resource);
            try {
                out.println(name + " " + applier.apply(resource).text());
                out.flush();
            } catch (UnreachableClusterException e) {
                throw e;
            } catch (RuntimeException e) {
                err.println("error: " + name + ": " + ErrorReporter.message(e));
                err.flush();
                exitCode = FAILED;
            }
        }
        return exitCode;
    }
}
