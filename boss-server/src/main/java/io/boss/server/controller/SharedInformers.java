package io.boss.server.controller;

import io.boss.api.model.Deployment;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.server.informer.Indexers;
import io.boss.server.informer.Informer;
import io.boss.server.informer.StoreListerWatcher;
import io.boss.store.Registry;

import java.time.Duration;
import java.util.List;

/**
 * One informer per kind the controllers read, shared by every controller of one leadership term,
 * so the store is listed and watched once per kind and not once per controller.
 *
 * <p>Controllers add their handlers before {@link #start()}. Caches carry the namespace, label and
 * owner-uid indexes; pods also the node-name index.
 */
public final class SharedInformers {

    private final Informer<Pod> pods;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Deployment> deployments;
    private final Informer<Node> nodes;
    private final Informer<Lease> leases;

    public SharedInformers(Registry store, Duration retryDelay) {
        pods = new Informer<>("controller-pods", new StoreListerWatcher<>(store, ControllerStore.PODS),
                Indexers.forPods(), retryDelay);
        replicaSets = new Informer<>("controller-replicasets",
                new StoreListerWatcher<>(store, ControllerStore.REPLICA_SETS), Indexers.standard(), retryDelay);
        deployments = new Informer<>("controller-deployments",
                new StoreListerWatcher<>(store, ControllerStore.DEPLOYMENTS), Indexers.standard(), retryDelay);
        nodes = new Informer<>("controller-nodes", new StoreListerWatcher<>(store, ControllerStore.NODES),
                Indexers.standard(), retryDelay);
        leases = new Informer<>("controller-leases", new StoreListerWatcher<>(store, ControllerStore.LEASES),
                Indexers.standard(), retryDelay);
    }

    public Informer<Pod> pods() {
        return pods;
    }

    public Informer<ReplicaSet> replicaSets() {
        return replicaSets;
    }

    public Informer<Deployment> deployments() {
        return deployments;
    }

    public Informer<Node> nodes() {
        return nodes;
    }

    public Informer<Lease> leases() {
        return leases;
    }

    /** Returns true once every informer has applied its first list. */
    public boolean hasSynced() {
        return all().stream().allMatch(Informer::hasSynced);
    }

    public void start() {
        all().forEach(Informer::start);
    }

    public void stop() throws InterruptedException {
        for (Informer<?> informer : all()) {
            informer.stop();
        }
    }

    private List<Informer<?>> all() {
        return List.of(pods, replicaSets, deployments, nodes, leases);
    }
}
