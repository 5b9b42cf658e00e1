package io.boss.server.leader;

import java.util.List;

/** A leader-only service that records each start and stop, with its replica and term, into a shared log. */
final class RecordingService implements LeaderElectedService {

    /** One start or stop of a service on a replica. */
    record Transition(String replicaId, long term, boolean started) {
    }

    private final String replicaId;
    private final List<Transition> log;
    private volatile long term = -1;

    RecordingService(String replicaId, List<Transition> log) {
        this.replicaId = replicaId;
        this.log = log;
    }

    @Override
    public void start(long term) {
        this.term = term;
        log.add(new Transition(replicaId, term, true));
    }

    @Override
    public void stop() {
        log.add(new Transition(replicaId, term, false));
        term = -1;
    }

    @Override
    public String name() {
        return "recording";
    }
}
