package io.boss.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.node.sync.SandboxInventory.OwnedSandbox;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.process.ProcessProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxInventoryTest {

    @TempDir
    Path stateDir;

    private ProcessProvider provider;
    private SandboxInventory inventory;

    @BeforeEach
    void createInventory() {
        provider = new ProcessProvider(stateDir);
        inventory = new SandboxInventory(List.of(provider));
    }

    @Test
    void ofPodReturnsOnlyItsRuns() throws Exception {
        create(SandboxIds.forRun("abc", 1));
        create(SandboxIds.forRun("abc", 0));
        // Shares the prefix "abc-" but is run 0 of the pod with uid "abc-1".
        create(SandboxIds.forRun("abc-1", 0));
        create(SandboxIds.forRun("abd", 0));
        create("not-made-by-the-agent");

        List<OwnedSandbox> abc = inventory.ofPod("abc");
        List<OwnedSandbox> abcOne = inventory.ofPod("abc-1");

        assertEquals(List.of("abc-0", "abc-1"), abc.stream().map(OwnedSandbox::sandboxId).toList());
        assertEquals(List.of(0, 1), abc.stream().map(OwnedSandbox::run).toList());
        assertEquals(List.of("abc-1-0"), abcOne.stream().map(OwnedSandbox::sandboxId).toList());
        assertEquals(List.of(), inventory.ofPod("xyz"));
    }

    @Test
    void ofPodAgreesWithSnapshot() throws Exception {
        create(SandboxIds.forRun("first", 0));
        create(SandboxIds.forRun("second", 0));
        create(SandboxIds.forRun("second", 1));

        var snapshot = inventory.snapshot();

        for (String uid : List.of("first", "second")) {
            assertEquals(snapshot.get(uid), inventory.ofPod(uid), "sandboxes of pod " + uid);
        }
    }

    private void create(String sandboxId) throws Exception {
        provider.create(SandboxSpec.builder(sandboxId).command("sleep", "1").build());
    }
}
