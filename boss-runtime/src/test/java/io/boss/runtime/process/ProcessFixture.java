package io.boss.runtime.process;

import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.host.ProcStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Specs and cleanup shared by the host-process provider tests. */
final class ProcessFixture {

    private ProcessFixture() {
    }

    static SandboxSpec shell(String sandboxId, String script) {
        return SandboxSpec.builder(sandboxId)
                .pod("default", "pod-" + sandboxId, "uid-" + sandboxId)
                .command("/bin/sh", "-c", script)
                .labels(Map.of("app", "test"))
                .build();
    }

    static List<Long> groupPids(long pgid) {
        List<Long> pids = new ArrayList<>();
        for (ProcStat stat : ProcStat.groupMembers(pgid, 0)) {
            pids.add(stat.pid());
        }
        return pids;
    }

    /**
     * Removes every sandbox through the provider, then kills any process left in the groups
     * that were started, so a failing test leaves nothing running.
     */
    static void removeAll(SandboxProvider provider, List<Long> startedPgids) throws Exception {
        try {
            for (SandboxStatus status : provider.list()) {
                provider.remove(status.sandboxId());
            }
        } finally {
            for (long pgid : startedPgids) {
                for (long pid : groupPids(pgid)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }
}
