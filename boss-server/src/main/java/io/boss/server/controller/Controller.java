package io.boss.server.controller;

/**
 * One controller of the {@link ControllerManager}. It registers its informer handlers in its
 * constructor, before the shared informers start, and runs its work on its own threads between
 * {@link #start()} and {@link #stop()}.
 */
public interface Controller {

    /** Short name used in thread names and logs, such as {@code replicaset}. */
    String name();

    void start();

    /** Stops the controller's threads and waits for the reconcile in progress to end. */
    void stop() throws InterruptedException;
}
