package io.github.xenpv.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files under a build's output folder: how many, and which a later build touched. */
final class OutputTree {

    private OutputTree() {
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every file's modification time, to tell afterwards which files a build rewrote. */
    static Map<Path, FileTime> modificationTimes(Path root) throws IOException {
        return files(root).stream().collect(Collectors.toMap(file -> file, OutputTree::modified));
    }

    /** Files that are new or whose modification time moved since {@code before} was taken. */
    static long rewritten(Map<Path, FileTime> before, Path root) throws IOException {
        return files(root).stream().filter(file -> !modified(file).equals(before.get(file))).count();
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
