package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** The bundle's {@code SHA256SUMS}: every other file, sorted, in {@code sha256sum -c} format. */
final class Checksums {

    static final String FILE_NAME = "SHA256SUMS";

    private Checksums() {
    }

    static RenderedFile of(List<RenderedFile> files) {
        StringBuilder sums = new StringBuilder();
        files.stream().sorted(Comparator.comparing(RenderedFile::path)).forEach(file ->
                sums.append(sha256(file.content())).append("  ").append(file.path()).append('\n'));
        return new RenderedFile(FILE_NAME, sums.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
