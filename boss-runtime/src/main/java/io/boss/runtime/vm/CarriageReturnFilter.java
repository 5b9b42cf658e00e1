package io.boss.runtime.vm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drops the carriage returns that a serial console puts before each newline, so a VM's log has
 * the same line endings as the logs of other providers.
 */
final class CarriageReturnFilter extends FilterInputStream {

    CarriageReturnFilter(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b;
        do {
            b = super.read();
        } while (b == '\r');
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            int count = super.read(buffer, offset, length);
            if (count <= 0) {
                return count;
            }
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (buffer[offset + i] != '\r') {
                    buffer[offset + kept++] = buffer[offset + i];
                }
            }
            if (kept > 0) {
                return kept;
            }
        }
    }
}
