package io.boss.server.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How request methods and paths map to the verbs and resources that roles grant. */
class RequestAttributesTest {

    @ParameterizedTest(name = "{0} {1}?{2} is {3} {4}")
    @CsvSource(nullValues = "-", value = {
        "GET,    /api/v1/namespaces/a/pods,             -,                        list,   pods,                          a, -",
        "GET,    /api/v1/namespaces/a/pods,             watch=true,               watch,  pods,                          a, -",
        "GET,    /api/v1/pods,                          watch=1&fieldSelector=x,  watch,  pods,                          -, -",
        "POST,   /api/v1/namespaces/a/pods,             -,                        create, pods,                          a, -",
        "GET,    /api/v1/namespaces/a/pods/web,         -,                        get,    pods,                          a, web",
        "PUT,    /api/v1/namespaces/a/pods/web,         -,                        update, pods,                          a, web",
        "PUT,    /api/v1/namespaces/a/pods/web/status,  -,                        update, pods/status,                   a, web",
        "DELETE, /api/v1/namespaces/a/pods/web,         -,                        delete, pods,                          a, web",
        "PUT,    /api/v1/nodes/n1/status,               -,                        update, nodes/status,                  -, n1",
        "POST,   /api/v1/clusterrolebindings,           -,                        create, clusterrolebindings,           -, -",
        "GET,    /api/v1/cluster,                       -,                        get,    cluster,                       -, -",
        "GET,    /api/v1/auth/can-i,                    verb=get,                 get,    auth,                          -, -",
        "GET,    /api/v1/widgets,                       -,                        get,    nonresource:/api/v1/widgets,   -, -",
        "GET,    /metrics,                              -,                        get,    nonresource:/metrics,          -, -",
    })
    void pathMapsToVerbAndResource(String method, String path, String query, String verb, String resource,
                                   String namespace, String name) {
        RequestAttributes attributes = RequestAttributes.parse(method, path, query);

        assertEquals(verb, attributes.verb());
        assertEquals(resource, attributes.resource());
        assertEquals(namespace, attributes.namespace());
        assertEquals(name, attributes.name());
    }
}
