package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.cli.client.ClusterApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl logs POD [-f] [--tail N]}: prints a pod's output, which the server proxies from
 * the node agent running the sandbox.
 */
@Command(name = "logs", description = "Print the output of a pod's sandbox.")
public class LogsCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "POD", description = "Pod name, or pod/NAME.")
    private String podName;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the sandbox exits or you interrupt.")
    private boolean follow;

    @Option(names = "--tail", paramLabel = "LINES", description = "Print only the last LINES lines.")
    private Integer tailLines;

    @Override
    protected void validateArguments() {
        if (podName.contains("/")) {
            String prefix = podName.substring(0, podName.indexOf('/'));
            if (resolveKind(prefix) != ResourceKind.POD) {
                throw usageError("logs reads pods only, not " + prefix);
            }
            podName = podName.substring(podName.indexOf('/') + 1);
        }
        if (tailLines != null && tailLines < 0) {
            throw usageError("invalid --tail " + tailLines + ": expected 0 or more lines");
        }
    }

    @Override
    protected int execute(ClusterApi api) throws IOException {
        PrintWriter out = connection.out();
        try (InputStream logs = api.podLogs(connection.namespace(), podName, follow, tailLines);
                Reader reader = new InputStreamReader(logs, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        return OK;
    }
}
