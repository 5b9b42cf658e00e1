package io.boss.server.leader;

/**
 * A component that must run only on the Raft leader, such as the scheduler or a controller.
 *
 * <p>The {@link LeadershipManager} calls both methods from its single leadership thread, in
 * order: {@code start} when this replica gains leadership, {@code stop} when it loses it. A
 * service captures {@code term} at start and writes only through compare-and-set, so a deposed
 * leader that has not noticed yet cannot overwrite the new leader's work.
 */
public interface LeaderElectedService {

    /** Starts the service for {@code term}; must return promptly and run the work on its own threads. */
    void start(long term) throws Exception;

    /** Stops the service and waits for its threads to finish; called at most once after each start. */
    void stop() throws Exception;

    /** Short name used in logs, for example {@code scheduler}. */
    String name();
}
