package io.boss.chaos.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the harness starts: the jars, how many replicas and agents, and the snapshot threshold
 * (small, so that restarts and lagging replicas go through snapshot installation).
 */
public record ClusterSettings(Path serverJar, Path nodeJar, int replicas, int agents, long snapshotThreshold) {

    /**
     * Returns the settings the Maven build passes as system properties {@code chaos.serverJar} and
     * {@code chaos.nodeJar}, falling back to the jars of this checkout.
     */
    public static ClusterSettings fromSystemProperties() {
        Path serverJar = Path.of(System.getProperty("chaos.serverJar", "../boss-server/target/boss-server.jar"));
        Path nodeJar = Path.of(System.getProperty("chaos.nodeJar", "../boss-node/target/boss-node.jar"));
        return new ClusterSettings(serverJar.toAbsolutePath().normalize(), nodeJar.toAbsolutePath().normalize(), 3, 2,
                200);
    }

    /** Returns these settings with {@code count} node agents. */
    public ClusterSettings withAgents(int count) {
        return new ClusterSettings(serverJar, nodeJar, replicas, count, snapshotThreshold);
    }

    /** Fails with the command that builds a jar that is missing. */
    void checkJars() {
        for (Path jar : new Path[] {serverJar, nodeJar}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it first with "
                        + "'mvn -B -DskipTests -pl boss-server,boss-node -am package', or run the chaos tests "
                        + "through 'mvn -B verify' so that the reactor packages it");
            }
        }
    }
}
