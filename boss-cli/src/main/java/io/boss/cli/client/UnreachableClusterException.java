package io.boss.cli.client;

import java.util.List;

/** No endpoint of the server list answered; the message lists the endpoints and the last cause. */
public class UnreachableClusterException extends RuntimeException {

    public UnreachableClusterException(List<String> endpoints, String cause, Throwable error) {
        super("cannot reach any server (tried " + String.join(", ", endpoints) + "): " + cause, error);
    }
}
