package io.boss.runtime.wasm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small WASI command modules encoded in the WebAssembly binary format, so the tests need no
 * assembler. Each imports {@code fd_write}, {@code proc_exit}, {@code environ_sizes_get},
 * {@code environ_get}, {@code args_sizes_get} and {@code args_get} from
 * {@code wasi_snapshot_preview1} (function indices 0 to 5), exports one page of memory and a
 * {@code _start} function (index 6) with the body a factory gives.
 */
final class TestModules {

    private static final int FD_WRITE = 0;
    private static final int PROC_EXIT = 1;
    private static final int ENVIRON_SIZES_GET = 2;
    private static final int ENVIRON_GET = 3;
    private static final int ARGS_SIZES_GET = 4;
    private static final int ARGS_GET = 5;

    /** Memory layout: the iovec at 0, counts at 16 and 20, pointers from 64, strings from 1024. */
    private static final int IOVEC = 0;
    private static final int COUNT = 16;
    private static final int SIZE = 20;
    private static final int POINTERS = 64;
    private static final int STRINGS = 1024;

    private TestModules() {
    }

    /** Writes {@code text} to stdout, then calls {@code proc_exit(exitCode)}. */
    static byte[] printThenExit(String text, int exitCode) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Code code = new Code();
        writeToStdout(code, STRINGS, bytes.length);
        code.i32Const(exitCode).call(PROC_EXIT);
        return module(code, data(STRINGS, bytes));
    }

    /** Writes the WASI environment ({@code K=V} strings separated by NUL) to stdout and returns. */
    static byte[] printEnvironment() {
        return printStrings(ENVIRON_SIZES_GET, ENVIRON_GET);
    }

    /** Writes the WASI arguments (separated by NUL) to stdout and returns. */
    static byte[] printArguments() {
        return printStrings(ARGS_SIZES_GET, ARGS_GET);
    }

    /** Writes {@code text} to stdout, then loops forever without calling the host. */
    static byte[] printThenSpin(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Code code = new Code();
        writeToStdout(code, STRINGS, bytes.length);
        code.raw(0x03, 0x40).raw(0x0c, 0x00).raw(0x0b);
        return module(code, data(STRINGS, bytes));
    }

    /** Grows memory by {@code pages}; exits 0 when that succeeds and 3 when the runtime refuses. */
    static byte[] growMemory(int pages) {
        Code code = new Code();
        code.i32Const(pages).raw(0x40, 0x00);
        code.i32Const(-1).raw(0x46);
        code.raw(0x04, 0x40).i32Const(3).call(PROC_EXIT).raw(0x0b);
        code.i32Const(0).call(PROC_EXIT);
        return module(code, new byte[0]);
    }

    /** Executes {@code unreachable}, which traps. */
    static byte[] trap() {
        return module(new Code().raw(0x00), new byte[0]);
    }

    static Path write(Path dir, String name, byte[] module) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), module);
    }

    private static byte[] printStrings(int sizesGet, int get) {
        Code code = new Code();
        code.i32Const(COUNT).i32Const(SIZE).call(sizesGet).raw(0x1a);
        code.i32Const(POINTERS).i32Const(STRINGS).call(get).raw(0x1a);
        code.i32Const(IOVEC).i32Const(STRINGS).store(0);
        code.i32Const(IOVEC).i32Const(SIZE).load(0).store(4);
        code.i32Const(1).i32Const(IOVEC).i32Const(1).i32Const(SIZE + 4).call(FD_WRITE).raw(0x1a);
        return module(code, new byte[0]);
    }

    private static void writeToStdout(Code code, int address, int length) {
        code.i32Const(IOVEC).i32Const(address).store(0);
        code.i32Const(IOVEC).i32Const(length).store(4);
        code.i32Const(1).i32Const(IOVEC).i32Const(1).i32Const(COUNT).call(FD_WRITE).raw(0x1a);
    }

    /** An active data segment for memory 0 at a constant offset. */
    private static byte[] data(int offset, byte[] bytes) {
        Bytes segment = new Bytes().u(1).u(0).raw(0x41).s(offset).raw(0x0b).u(bytes.length).raw(bytes);
        return segment.toByteArray();
    }

    private static byte[] module(Code start, byte[] dataSection) {
        Bytes out = new Bytes().raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        // Types: 0 (i32 i32 i32 i32) -> i32, 1 (i32) -> (), 2 (i32 i32) -> i32, 3 () -> ().
        out.section(1, new Bytes().u(4)
                .raw(0x60).u(4).raw(0x7f, 0x7f, 0x7f, 0x7f).u(1).raw(0x7f)
                .raw(0x60).u(1).raw(0x7f).u(0)
                .raw(0x60).u(2).raw(0x7f, 0x7f).u(1).raw(0x7f)
                .raw(0x60).u(0).u(0));
        Bytes imports = new Bytes().u(6);
        importFunction(imports, "fd_write", 0);
        importFunction(imports, "proc_exit", 1);
        importFunction(imports, "environ_sizes_get", 2);
        importFunction(imports, "environ_get", 2);
        importFunction(imports, "args_sizes_get", 2);
        importFunction(imports, "args_get", 2);
        out.section(2, imports);
        out.section(3, new Bytes().u(1).u(3));
        out.section(5, new Bytes().u(1).raw(0x00).u(1));
        out.section(7, new Bytes().u(2).name("memory").raw(0x02).u(0).name("_start").raw(0x00).u(6));
        byte[] body = new Bytes().u(0).raw(start.toByteArray()).raw(0x0b).toByteArray();
        out.section(10, new Bytes().u(1).u(body.length).raw(body));
        if (dataSection.length > 0) {
            out.section(11, new Bytes().raw(dataSection));
        }
        return out.toByteArray();
    }

    private static void importFunction(Bytes imports, String name, int type) {
        imports.name("wasi_snapshot_preview1").name(name).raw(0x00).u(type);
    }

    /** A function body under construction. */
    private static final class Code extends Bytes {
        Code i32Const(int value) {
            raw(0x41).s(value);
            return this;
        }

        Code call(int function) {
            raw(0x10).u(function);
            return this;
        }

        Code store(int offset) {
            raw(0x36, 0x02).u(offset);
            return this;
        }

        Code load(int offset) {
            raw(0x28, 0x02).u(offset);
            return this;
        }

        @Override
        Code raw(int... values) {
            super.raw(values);
            return this;
        }
    }

    /** Bytes with the LEB128 and section encodings of the binary format. */
    private static class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... values) {
            for (int value : values) {
                out.write(value);
            }
            return this;
        }

        Bytes raw(byte[] values) {
            out.writeBytes(values);
            return this;
        }

        Bytes u(long value) {
            do {
                int b = (int) (value & 0x7f);
                value >>>= 7;
                out.write(value != 0 ? b | 0x80 : b);
            } while (value != 0);
            return this;
        }

        Bytes s(long value) {
            while (true) {
                int b = (int) (value & 0x7f);
                value >>= 7;
                boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
                out.write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Bytes name(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return u(bytes.length).raw(bytes);
        }

        Bytes section(int id, Bytes content) {
            byte[] bytes = content.toByteArray();
            return raw(id).u(bytes.length).raw(bytes);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
