package io.github.xenpv.bundle;

import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bundle's {@code SHA256SUMS}: every other file, sorted, in {@code sha256sum -c} format. */
final class Checksums {

    static final String FILE_NAME = "SHA256SUMS";

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    /** A list larger than this is none the plugin wrote: a bundle has a few dozen files. */
    private static final long MAX_LIST = 1 << 20;

    private Checksums() {
    }

    /** @param sha256 each file's digest, in the order of {@code files} */
    static RenderedFile of(List<RenderedFile> files, List<String> sha256) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            sorted.put(files.get(i).path(), sha256.get(i));
        }
        StringBuilder sums = new StringBuilder();
        sorted.forEach((path, sum) -> sums.append(sum).append("  ").append(path).append('\n'));
        return new RenderedFile(FILE_NAME, sums.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    /**
     * The SHA-256 of what a file in a guest folder holds, read in pieces and without following a
     * link at its end; {@code null} when it holds more than any file of a bundle
     * ({@link DriverRpm#MAX_SIZE}), and so nothing the plugin wrote. Whatever a user put there
     * costs no more memory than that: reading it whole failed past 2 GiB with an
     * {@code OutOfMemoryError}.
     */
    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] piece = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int read; (read = in.read(piece)) > 0; ) {
                total += read;
                if (total > DriverRpm.MAX_SIZE) {
                    return null;
                }
                digest.update(piece, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * What the plugin last wrote into a guest folder, by its {@code SHA256SUMS}: each listed path
     * with the checksum of the bytes written then, so a file that no longer has them was changed
     * since. Empty when there is no such file or it is not a checksum list.
     */
    static Map<String, String> listed(Path folder) {
        Path sums = folder.resolve(FILE_NAME);
        Map<String, String> listed = new HashMap<>();
        try {
            if (!Files.isRegularFile(sums, LinkOption.NOFOLLOW_LINKS) || Files.size(sums) > MAX_LIST) {
                return Map.of();
            }
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                Matcher entry = LINE.matcher(line);
                if (!entry.matches()) {
                    return Map.of();
                }
                listed.put(entry.group(2), entry.group(1));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return listed;
    }

    /**
     * For a guest folder an earlier build wrote before the plugin kept records: the files its
     * {@code SHA256SUMS} lists that still have the listed bytes (so nothing a user changed), and
     * {@code SHA256SUMS} itself. Empty when there is no such file or it is not a checksum list.
     */
    static Set<String> verified(Path folder) {
        Path sums = folder.resolve(FILE_NAME);
        Set<String> verified = new HashSet<>();
        try {
            if (!Files.isRegularFile(sums, LinkOption.NOFOLLOW_LINKS) || Files.size(sums) > MAX_LIST) {
                return Set.of();
            }
            for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
                Matcher entry = LINE.matcher(line);
                if (!entry.matches()) {
                    return Set.of();
                }
                Path file = folder.resolve(entry.group(2));
                if (WriteRecord.isRelative(entry.group(2)) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && entry.group(1).equals(sha256Of(file))) {
                    verified.add(entry.group(2));
                }
            }
        } catch (IOException e) {
            // unreadable or not UTF-8: not a list this plugin wrote, so it vouches for nothing
            return Set.of();
        }
        verified.add(FILE_NAME);
        return verified;
    }
}
