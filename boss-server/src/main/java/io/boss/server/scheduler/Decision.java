package io.boss.server.scheduler;

/**
 * Outcome of one scheduling attempt: a placement (node and provider), or a message that says why
 * every node was rejected.
 */
record Decision(String nodeName, String provider, String unschedulableMessage) {

    static Decision place(String nodeName, String provider) {
        return new Decision(nodeName, provider, null);
    }

    static Decision unschedulable(String message) {
        return new Decision(null, null, message);
    }

    boolean placed() {
        return nodeName != null;
    }
}
