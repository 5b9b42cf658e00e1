package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStatus;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.resource.ResourceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl rollout status deployment/NAME}: waits until the Deployment controller has
 * observed the latest spec and every replica is updated and available, printing a progress
 * line each time the state changes. The checks and messages follow {@code kubectl rollout
 * status}.
 */
@Command(name = "status", description = "Wait until a deployment's rollout finishes, showing progress.")
public class RolloutStatusCommand extends ApiCommand {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Progressing reason Kubernetes uses when a rollout exceeded its deadline. */
    static final String DEADLINE_EXCEEDED_REASON = "ProgressDeadlineExceeded";

    @Parameters(index = "0", paramLabel = "deployment/NAME", description = "The deployment to follow.")
    private String target;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up after this many seconds; 0 waits without limit (default).")
    private long timeoutSeconds;

    @Option(names = {"-w", "--watch"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait for the rollout to finish; --no-watch prints the state once.")
    private boolean watch;

    private String name;

    @Override
    protected void validateArguments() {
        try {
            name = DeploymentArgument.parse(target);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        if (timeoutSeconds < 0) {
            throw usageError("invalid --timeout " + timeoutSeconds + ": expected 0 or more seconds");
        }
    }

    @Override
    protected int execute(ClusterApi api) throws InterruptedException {
        Instant deadline = timeoutSeconds == 0 ? Instant.MAX : connection.root().clock().instant().plusSeconds(timeoutSeconds);
        String lastLine = null;
        while (true) {
            Deployment deployment = (Deployment) api.get(ResourceKind.DEPLOYMENT, connection.namespace(), name)
                    .orElseThrow(() -> new ResourceNotFoundException(ResourceKind.DEPLOYMENT, name));
            Progress progress = progress(deployment);
            if (!progress.line().equals(lastLine)) {
                connection.out().println(progress.line());
                connection.out().flush();
                lastLine = progress.line();
            }
            if (progress.done() || !watch) {
                return OK;
            }
            if (connection.root().clock().instant().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeoutSeconds + "s waiting for the rollout of deployment \""
                        + name + "\"; run bossctl describe deployment " + name + " to see why");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** One progress line and whether the rollout is complete. */
    record Progress(String line, boolean done) {
    }

    /**
     * Returns the rollout's state.
     *
     * @throws IllegalStateException when the Progressing condition reports that the deadline passed
     */
    static Progress progress(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus();
        if (deployment.getMetadata().getGeneration() > status.getObservedGeneration()) {
            return new Progress("Waiting for deployment spec update to be observed...", false);
        }
        for (Condition condition : status.getConditions()) {
            if (ConditionTypes.PROGRESSING.equals(condition.getType()) && DEADLINE_EXCEEDED_REASON.equals(condition.getReason())) {
                throw new IllegalStateException("deployment \"" + name + "\" exceeded its progress deadline: " + condition.getMessage());
            }
        }
        int desired = deployment.getSpec().desiredReplicas();
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (status.getUpdatedReplicas() < desired) {
            return new Progress(waiting + status.getUpdatedReplicas() + " out of " + desired + " new replicas have been updated...", false);
        }
        if (status.getReplicas() > status.getUpdatedReplicas()) {
            return new Progress(waiting + (status.getReplicas() - status.getUpdatedReplicas()) + " old replicas are pending termination...", false);
        }
        if (status.getAvailableReplicas() < status.getUpdatedReplicas()) {
            return new Progress(waiting + status.getAvailableReplicas() + " of " + status.getUpdatedReplicas() + " updated replicas are available...", false);
        }
        return new Progress("deployment \"" + name + "\" successfully rolled out", true);
    }
}
