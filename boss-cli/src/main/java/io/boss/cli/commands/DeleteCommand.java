package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.cli.resource.KindNames;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.model.Resource;
import io.boss.cli.ErrorReporter;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.client.UnreachableClusterException;
import io.boss.cli.output.ObjectPrinter;
import io.boss.cli.resource.ManifestReader;
import io.boss.cli.resource.ResourceNotFoundException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl delete KIND NAME...} or {@code delete -f FILE}: deletes objects and prints
 * {@code pod/web deleted}; with {@code --wait} it then polls until each object is gone,
 * printing progress while it waits.
 */
@Command(name = "delete", description = "Delete objects by kind and name or by manifest.")
public class DeleteCommand extends ApiCommand {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Parameters(paramLabel = "KIND NAME...", arity = "0..*",
            description = "A kind followed by one or more names, or one or more KIND/NAME such as pod/web.")
    private List<String> arguments = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-", description = "Delete the objects a manifest names. Repeatable.")
    private List<String> sources = new ArrayList<>();

    @Option(names = "--wait", description = "Wait until each object is gone from the API.")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --wait, give up after this many seconds (default ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--ignore-not-found", description = "Treat an object that does not exist as deleted.")
    private boolean ignoreNotFound;

    private final List<Resource> targets = new ArrayList<>();

    @Override
    protected void validateArguments() {
        if (!sources.isEmpty() && !arguments.isEmpty()) {
            throw usageError("give either -f FILE or KIND NAME..., not both");
        }
        boolean typedNames = !arguments.isEmpty() && arguments.get(0).contains("/");
        if (sources.isEmpty() && arguments.size() < 2 && !typedNames) {
            throw usageError("expected KIND NAME..., KIND/NAME... or -f FILE");
        }
        if (timeoutSeconds <= 0) {
            throw usageError("invalid --timeout " + timeoutSeconds + ": expected a number of seconds above 0");
        }
        if (!sources.isEmpty()) {
            for (Resource resource : new ManifestReader(connection.root().stdin()).read(sources)) {
                NamespaceDefaults.apply(resource, connection);
                targets.add(resource);
            }
            return;
        }
        if (typedNames) {
            for (String argument : arguments) {
                if (!argument.contains("/")) {
                    throw usageError("\"" + argument + "\" is not KIND/NAME: give KIND NAME... or KIND/NAME..., not both");
                }
                KindNames.TypedName typed = parseTypedName(argument);
                targets.add(target(typed.kind(), typed.name()));
            }
            return;
        }
        ResourceKind kind = resolveKind(arguments.get(0));
        for (String name : arguments.subList(1, arguments.size())) {
            targets.add(target(kind, name));
        }
    }

    private Resource target(ResourceKind kind, String name) {
        Resource target = newObject(kind);
        target.getMetadata().setName(name);
        target.getMetadata().setNamespace(namespaceFor(kind));
        return target;
    }

    @Override
    protected int execute(ClusterApi api) throws InterruptedException {
        PrintWriter out = connection.out();
        PrintWriter err = connection.err();
        int exitCode = OK;
        for (Resource target : targets) {
            ResourceKind kind = target.resourceKind();
            String namespace = target.getMetadata().getNamespace();
            String name = target.getMetadata().getName();
            try {
                api.delete(kind, namespace, name);
                out.println(ObjectPrinter.qualifiedName(target) + " deleted");
                out.flush();
                if (await) {
                    waitUntilGone(api, target);
                }
            } catch (BossApiException e) {
                if (!e.is(ErrorReasons.NOT_FOUND)) {
                    throw e;
                }
                if (!ignoreNotFound) {
                    err.println("error: " + new ResourceNotFoundException(kind, name).getMessage());
                    err.flush();
                    exitCode = FAILED;
                }
            } catch (UnreachableClusterException e) {
                throw e;
            } catch (RuntimeException e) {
                err.println("error: " + ObjectPrinter.qualifiedName(target) + ": " + ErrorReporter.message(e));
                err.flush();
                exitCode = FAILED;
            }
        }
        return exitCode;
    }

    private void waitUntilGone(ClusterApi api, Resource target) throws InterruptedException {
        String name = ObjectPrinter.qualifiedName(target);
        Instant start = connection.root().clock().instant();
        Instant deadline = start.plusSeconds(timeoutSeconds);
        Instant nextProgress = start.plus(PROGRESS_INTERVAL);
        while (api.get(target.resourceKind(), target.getMetadata().getNamespace(), target.getMetadata().getName()).isPresent()) {
            Instant now = connection.root().clock().instant();
            if (now.isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeoutSeconds + "s waiting for " + name
                        + " to be removed; raise --timeout or check the node agent that runs it");
            }
            if (!now.isBefore(nextProgress)) {
                connection.err().println("waiting for " + name + " to be removed ("
                        + Duration.between(start, now).getSeconds() + "s)");
                connection.err().flush();
                nextProgress = now.plus(PROGRESS_INTERVAL);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        connection.out().println(name + " gone");
        connection.out().flush();
    }

    private static Resource newObject(ResourceKind kind) {
        try {
            return kind.type().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an empty " + kind.kind(), e);
        }
    }
}
