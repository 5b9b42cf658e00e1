package io.boss.server.api;

/** JSON bodies of valid objects for the API tests. */
public final class Manifests {

    private Manifests() {
    }

    public static String pod(String name) {
        return pod(name, "app", "web");
    }

    public static String pod(String name, String labelKey, String labelValue) {
        return """
                {"apiVersion": "boss.io/v1", "kind": "Pod",
                 "metadata": {"name": "%s", "labels": {"%s": "%s"}},
                 "spec": {"containers": [{"name": "main", "command": ["/bin/sleep", "60"]}]}}
                """.formatted(name, labelKey, labelValue);
    }

    public static String node(String name) {
        return """
                {"apiVersion": "boss.io/v1", "kind": "Node", "metadata": {"name": "%s"}, "spec": {}}
                """.formatted(name);
    }
}
