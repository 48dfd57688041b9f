package io.github.xenpv.render;

import java.nio.charset.StandardCharsets;

/**
 * One file of a guest's bundle: its path under the bundle folder, its bytes, whether it runs, and
 * whether it holds a secret (a password: then it is for root alone, mode 0600, on disk and in the
 * archive).
 */
public record RenderedFile(String path, byte[] content, boolean executable, boolean secret) {

    /**
     * A file that holds no secret.
     *
     * @param path its path under the bundle folder
     * @param content its bytes
     * @param executable whether it runs (mode 0755)
     */
    public RenderedFile(String path, byte[] content, boolean executable) {
        this(path, content, executable, false);
    }

    /** {@return the content as UTF-8 text} */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
