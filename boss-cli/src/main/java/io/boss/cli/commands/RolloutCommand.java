package io.boss.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bossctl rollout status|history|undo deployment/NAME}: follows and reverts Deployment
 * rollouts with the Kubernetes semantics, using the {@code boss.io/revision} annotation that the
 * Deployment controller writes on each ReplicaSet.
 */
@Command(name = "rollout", description = "Follow, list and undo deployment rollouts.",
        subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class, RolloutUndoCommand.class})
public class RolloutCommand implements Runnable {

    /** Annotation with the rollout revision of a ReplicaSet, a decimal number from 1. */
    public static final String REVISION_ANNOTATION = "boss.io/revision";
    /** Annotation with a free-text reason for a rollout, shown by history. */
    public static final String CHANGE_CAUSE_ANNOTATION = "boss.io/change-cause";
    /** Label the Deployment controller adds to each ReplicaSet's template to tell revisions apart. */
    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: use status, history or undo");
    }
}
