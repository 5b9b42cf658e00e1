package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.cli.resource.KindNames;
import io.boss.api.client.WatchListener;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.output.ObjectPrinter;
import io.boss.cli.output.OutputFormat;
import io.boss.cli.output.ResourceTables;
import io.boss.cli.output.Table;
import io.boss.cli.resource.ResourceNotFoundException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl get KIND [NAME]}: prints one object or a list as a table, JSON, YAML or names,
 * and with {@code -w} keeps printing rows as objects change until interrupted.
 */
@Command(name = "get", description = "Display one object or a list of objects.")
public class GetCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "KIND",
            description = "pods (po), nodes (no), deployments (deploy), replicasets (rs) or leases; or KIND/NAME such as pod/web.")
    private String kindName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Name of one object; all objects when omitted.")
    private String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format: wide, json, yaml or name.")
    private String output;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector, such as app=web,tier in (front,back).")
    private String labelSelector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR",
            description = "Field selector, such as spec.nodeName=node-1 or status.phase=Running.")
    private String fieldSelector;

    @Option(names = {"-A", "--all-namespaces"}, description = "List objects of every namespace.")
    private boolean allNamespaces;

    @Option(names = {"-w", "--watch"}, description = "After printing, keep printing changes until interrupted.")
    private boolean watch;

    private ResourceKind kind;
    private OutputFormat format;

    @Override
    protected void validateArguments() {
        if (name == null && kindName.contains("/")) {
            KindNames.TypedName typed = parseTypedName(kindName);
            kind = typed.kind();
            name = typed.name();
        } else {
            kind = resolveKind(kindName);
        }
        try {
            format = output == null ? OutputFormat.TABLE : OutputFormat.parse(output);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        if (name != null && (labelSelector != null || fieldSelector != null)) {
            throw usageError("a NAME cannot be combined with --selector or --field-selector");
        }
        if (name != null && allNamespaces) {
            throw usageError("a NAME cannot be combined with --all-namespaces: name the namespace with -n");
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        String namespace = allNamespaces ? null : namespaceFor(kind);
        ResourceTables tables = new ResourceTables(format == OutputFormat.WIDE, allNamespaces, connection.root().clock().instant());
        PrintWriter out = connection.out();

        if (name != null && !watch) {
            Resource item = api.get(kind, namespace, name).orElseThrow(() -> new ResourceNotFoundException(kind, name));
            printOne(out, tables, item);
            return OK;
        }

        String fields = name != null ? "metadata.name=" + name : fieldSelector;
        ObjectList<Resource> list = api.list(kind, namespace, labelSelector, fields);
        if (name != null && list.getItems().isEmpty()) {
            throw new ResourceNotFoundException(kind, name);
        }
        int[] widths = printList(out, tables, list, namespace);
        if (watch) {
            watchChanges(api, tables, namespace, fields, list.resourceVersion(), widths);
        }
        return OK;
    }

    private void printOne(PrintWriter out, ResourceTables tables, Resource item) {
        switch (format) {
            case JSON:
            case YAML:
                ObjectPrinter.print(out, format, item);
                break;
            case NAME:
                out.println(ObjectPrinter.qualifiedName(item));
                out.flush();
                break;
            default:
                tables.table(kind, List.of(item)).print(out);
        }
    }

    /** Prints the list and returns the column widths later watch rows align to. */
    private int[] printList(PrintWriter out, ResourceTables tables, ObjectList<Resource> list, String namespace) {
        switch (format) {
            case JSON:
            case YAML:
                ObjectPrinter.print(out, format, list);
                return new int[0];
            case NAME:
                ObjectPrinter.printNames(out, list);
                return new int[0];
            default:
                break;
        }
        Table table = tables.table(kind, list.getItems());
        if (list.getItems().isEmpty() && !watch) {
            connection.err().println(namespace == null
                    ? "No resources found"
                    : "No resources found in " + namespace + " namespace.");
            connection.err().flush();
            return table.columnWidths();
        }
        table.print(out);
        return table.columnWidths();
    }

    /**
     * Prints each change from the list's revision on until the thread is interrupted. Events arrive
     * on the watch's thread; an error that stops the watch ends the wait and is rethrown here.
     */
    private void watchChanges(ClusterApi api, ResourceTables tables, String namespace, String fields,
            String resourceVersion, int[] widths) {
        PrintWriter out = connection.out();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        WatchListener<Resource> listener = new WatchListener<>() {
            @Override
            public void onEvent(WatchEvent<Resource> event) {
                printEvent(out, tables, event.getObject(), widths);
            }

            @Override
            public void onResync(List<Resource> items, String listedVersion) {
                for (Resource item : items) {
                    printEvent(out, tables, item, widths);
                }
            }

            @Override
            public void onClose(Throwable error) {
                failure.set(error);
                stopped.countDown();
            }
        };
        try (AutoCloseable handle = api.watch(kind, namespace, labelSelector, fields, resourceVersion, listener)) {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            throw new IllegalStateException("failed to stop the watch: " + e.getMessage(), e);
        }
        Throwable error = failure.get();
        if (error instanceof RuntimeException) {
            throw (RuntimeException) error;
        }
        if (error != null) {
            throw new IllegalStateException("the watch stopped: " + error.getMessage(), error);
        }
    }

    private synchronized void printEvent(PrintWriter out, ResourceTables tables, Resource item, int[] widths) {
        if (item == null) {
            return;
        }
        switch (format) {
            case JSON:
            case YAML:
                ObjectPrinter.print(out, format, item);
                break;
            case NAME:
                out.println(ObjectPrinter.qualifiedName(item));
                break;
            default:
                out.println(Table.formatLine(Table.withPlaceholders(tables.row(item)), widths));
        }
        out.flush();
    }
}
