package io.github.xenpv.render;

import java.nio.charset.StandardCharsets;

/** One file of a guest's bundle: its path under the bundle folder, its bytes and whether it runs. */
public record RenderedFile(String path, byte[] content, boolean executable) {

    /** {@return the content as UTF-8 text} */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
