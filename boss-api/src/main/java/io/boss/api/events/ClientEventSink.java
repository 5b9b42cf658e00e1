package io.boss.api.events;

import io.boss.api.client.BossClient;

/**
 * Stores events through the HTTP API, as a node agent does: a create is a POST and a
 * replacement a PUT without resourceVersion, so the server applies it to whatever version it
 * holds. Each write may block for the client's retry timeout while replicas fail over.
 */
public final class ClientEventSink implements EventSink {

    private final BossClient client;

    public ClientEventSink(BossClient client) {
        this.client = client;
    }

    @Override
    public void write(EventWrite write) {
        if (write.create()) {
            client.create(write.event());
        } else {
            client.update(write.event());
        }
    }
}
