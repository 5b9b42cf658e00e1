package io.boss.server.security;

import io.boss.api.model.Container;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.NetworkSpec;
import io.boss.api.model.Pod;
import io.boss.api.model.SandboxIntent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pods an isolation policy admits, and the rule it names when it rejects one. */
class IsolationAdmissionTest {

    @ParameterizedTest(name = "class {0}, isolation {1}, network {2} under [{3}] {4} {5}: {6}")
    @CsvSource(nullValues = "-", value = {
        "process,   -,                 -,    -,           runtimeSandboxed, -,     minIsolation",
        "wasm,      -,                 -,    -,           runtimeSandboxed, -,     -",
        "vm,        -,                 -,    -,           runtimeSandboxed, -,     -",
        "container, -,                 -,    -,           runtimeSandboxed, -,     minIsolation",
        "container, kernelIsolated,    -,    -,           runtimeSandboxed, -,     -",
        "process,   -,                 -,    wasm;vm,     -,                -,     allowedSandboxClasses",
        "baremetal, -,                 -,    process,     -,                -,     -",
        "process,   -,                 -,    -,           -,                false, allowHostNetwork",
        "process,   -,                 none, -,           -,                false, -",
        "container, -,                 -,    -,           -,                false, -",
    })
    void policyDecision(String sandboxClass, String isolation, String network, String allowedClasses,
                        String minIsolation, Boolean allowHostNetwork, String brokenRule) {
        IsolationPolicy policy = new IsolationPolicy("ns", "policy");
        if (allowedClasses != null) {
            policy.getSpec().setAllowedSandboxClasses(Arrays.asList(allowedClasses.split(";")));
        }
        policy.getSpec().setMinIsolation(minIsolation);
        policy.getSpec().setAllowHostNetwork(allowHostNetwork);
        IsolationAdmission admission = new IsolationAdmission(namespace -> List.of(policy));

        Optional<String> rejection = admission.check("ns", pod(sandboxClass, isolation, network));

        if (brokenRule == null) {
            assertEquals(Optional.empty(), rejection);
        } else {
            assertTrue(rejection.isPresent(), "expected rule " + brokenRule + " to reject the pod");
            assertTrue(rejection.get().contains("rule " + brokenRule), rejection.get());
            assertTrue(rejection.get().contains("isolation policy \"policy\""), rejection.get());
        }
    }

    private static Pod pod(String sandboxClass, String isolation, String network) {
        Pod pod = new Pod("ns", "web");
        pod.getSpec().setSandboxClass(sandboxClass);
        if (isolation != null || network != null) {
            SandboxIntent sandbox = new SandboxIntent();
            sandbox.setIsolation(isolation);
            if (network != null) {
                NetworkSpec networkSpec = new NetworkSpec();
                networkSpec.setMode(network);
                sandbox.setNetwork(networkSpec);
            }
            pod.getSpec().setSandbox(sandbox);
        }
        Container container = new Container();
        container.setName("main");
        pod.getSpec().getContainers().add(container);
        return pod;
    }
}
