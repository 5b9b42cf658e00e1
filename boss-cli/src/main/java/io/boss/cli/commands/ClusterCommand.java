package io.boss.cli.commands;

import io.boss.api.model.ClusterView;
import io.boss.api.model.ReplicaView;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.output.ObjectPrinter;
import io.boss.cli.output.OutputFormat;
import io.boss.cli.output.Table;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bossctl cluster}: the server replicas as seen by the replica that served the request, with the
 * leader and term on a header line. The table takes each replica's commit and applied indexes from
 * that replica itself.
 */
@Command(name = "cluster", description = "Show the server replicas, their roles and Raft indexes.")
public class ClusterCommand extends ApiCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json or yaml for the raw view.")
    private String output;

    private OutputFormat format = OutputFormat.TABLE;

    @Override
    protected void validateArguments() {
        if (output == null) {
            return;
        }
        try {
            format = OutputFormat.parse(output);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        if (!format.isStructured()) {
            throw usageError("invalid output format \"" + output + "\" for cluster: use json or yaml");
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        ClusterView view = api.cluster();
        PrintWriter out = connection.out();
        if (format.isStructured()) {
            ObjectPrinter.print(out, format, view);
            return OK;
        }
        fillOwnIndexes(api, view);
        out.println(render(view));
        out.flush();
        return OK;
    }

    /**
     * Requests each replica's own view where the serving replica reported its indexes as unknown,
     * because a replica tracks only its own commit and applied indexes. A replica that does not
     * respond keeps the unknown indexes.
     */
    static void fillOwnIndexes(ClusterApi api, ClusterView view) {
        for (ReplicaView replica : view.getReplicas()) {
            if (replica.getCommitIndex() >= 0 || replica.getHttpAddress() == null) {
                continue;
            }
            api.clusterAt(replica.getHttpAddress())
                    .flatMap(own -> own.getReplicas().stream().filter(row -> row.getId().equals(replica.getId())).findFirst())
                    .ifPresent(own -> {
                        replica.setCommitIndex(own.getCommitIndex());
                        replica.setAppliedIndex(own.getAppliedIndex());
                    });
        }
    }

    /** Renders the header line and the replica table, without a trailing newline. */
    static String render(ClusterView view) {
        String leader = view.getLeaderId() == null ? "<none>" : view.getLeaderId();
        Table table = new Table("ID", "ROLE", "HTTP", "RAFT", "COMMIT", "APPLIED");
        for (ReplicaView replica : view.getReplicas()) {
            table.addRow(List.of(replica.getId(), replica.getRole(), replica.getHttpAddress(), replica.getRaftAddress(),
                    index(replica.getCommitIndex()), index(replica.getAppliedIndex())));
        }
        StringBuilder text = new StringBuilder("leader: " + leader + "   term: " + view.getTerm());
        int[] widths = table.columnWidths();
        text.append(System.lineSeparator()).append(Table.formatLine(table.headers(), widths));
        for (List<String> row : table.rows()) {
            text.append(System.lineSeparator()).append(Table.formatLine(row, widths));
        }
        return text.toString();
    }

    private static String index(long value) {
        return value < 0 ? "?" : String.valueOf(value);
    }
}
