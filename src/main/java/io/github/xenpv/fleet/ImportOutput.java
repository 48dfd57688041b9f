package io.github.xenpv.fleet;

import io.github.xenpv.bundle.BundleWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The import's output folder: {@code pom.xml} and {@code import-report.txt}. A user's earlier
 * import (often edited since) is never replaced unless they ask for it, and each file is written
 * whole or not at all.
 */
public final class ImportOutput {

    /** The written project's file. */
    public static final String POM = "pom.xml";
    /** The report's file. */
    public static final String REPORT = "import-report.txt";

    private ImportOutput() {
    }

    /**
     * The files of an earlier import, which only an overwrite may replace.
     *
     * @param folder the output folder
     * @return its {@code pom.xml} and {@code import-report.txt}, those that exist
     */
    public static List<Path> existing(Path folder) {
        return List.of(folder.resolve(POM), folder.resolve(REPORT)).stream().filter(Files::exists).toList();
    }

    /**
     * Writes the report, and the pom when there is one (no config imported, no pom), each through a
     * temporary file beside it moved into place (an unchanged file is left alone). A pom of an earlier import is removed when this
     * one has none, so the folder never pairs a new report with an old pom.
     *
     * @param folder the output folder, made when missing
     * @param pom    the project, or empty when no config imported
     * @param report the report
     * @throws IOException when a file cannot be written
     */
    public static void write(Path folder, Optional<String> pom, String report) throws IOException {
        Files.createDirectories(folder);
        if (pom.isPresent()) {
            replace(folder.resolve(POM), pom.get());
        } else {
            Files.deleteIfExists(folder.resolve(POM));
        }
        replace(folder.resolve(REPORT), report);
    }

    private static void replace(Path target, String content) throws IOException {
        BundleWriter.writeWhole(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
