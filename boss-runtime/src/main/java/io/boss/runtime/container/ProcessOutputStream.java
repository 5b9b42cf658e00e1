package io.boss.runtime.container;

import java.io.FilterInputStream;
import java.io.IOException;

/** The stdout of a helper process such as {@code podman logs}; closing it ends the process. */
final class ProcessOutputStream extends FilterInputStream {

    private final Process process;

    ProcessOutputStream(Process process) {
        super(process.getInputStream());
        this.process = process;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            process.destroy();
        }
    }
}
