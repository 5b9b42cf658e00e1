package io.boss.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgentSandboxStateTest {

    @ParameterizedTest(name = "{0} with exit code {1}, restart pending {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "Preparing, null, false, Pending",
        "Created,   null, false, Pending",
        "Starting,  null, false, Pending",
        "Running,   null, false, Running",
        "Stopping,  null, false, Running",
        "Exited,    0,    false, Succeeded",
        "Exited,    3,    false, Failed",
        "Exited,    null, false, Failed",
        "Exited,    0,    true,  Running",
        "Exited,    3,    true,  Running",
        "Failed,    null, false, Failed",
    })
    void stateMapsToPodPhase(String state, Integer exitCode, boolean restartPending, String phase) {
        AgentSandboxState parsed = AgentSandboxState.fromWireName(state);

        assertEquals(phase, parsed.podPhase(exitCode, restartPending).wireName());
    }

    @Test
    void singleArgumentMappingAssumesNoRestart() {
        assertEquals(PodPhase.SUCCEEDED, AgentSandboxState.EXITED.podPhase(0));
        assertEquals(PodPhase.FAILED, AgentSandboxState.EXITED.podPhase(3));
        assertEquals(PodPhase.PENDING, AgentSandboxState.PREPARING.podPhase(null));
    }

    @Test
    void wireNamesRoundTrip() {
        assertEquals("Preparing, Created, Starting, Running, Stopping, Exited, Failed",
                String.join(", ", Arrays.stream(AgentSandboxState.values()).map(AgentSandboxState::wireName)
                        .toList()));
        for (AgentSandboxState state : AgentSandboxState.values()) {
            assertEquals(state, AgentSandboxState.fromWireName(state.wireName()));
        }
        assertNull(AgentSandboxState.fromWireName("Sleeping"));
        assertNull(AgentSandboxState.fromWireName("RUNNING"));
    }
}
