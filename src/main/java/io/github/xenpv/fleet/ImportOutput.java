package io.github.xenpv.fleet;

import io.github.xenpv.bundle.BundleWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The import's output folder: {@code pom.xml} and {@code import-report.txt}, and the record
 * {@code .xenpv-import} that says the import wrote that pom.xml. A user's earlier import (often
 * edited since) is never replaced unless they ask for it, a pom.xml no import wrote (a project of
 * the user's own) never, and each file is written whole or not at all.
 */
public final class ImportOutput {

    /** The written project's file. */
    public static final String POM = "pom.xml";
    /** The report's file. */
    public static final String REPORT = "import-report.txt";
    /** The record that the import wrote the folder's pom.xml: the only pom.xml an overwrite replaces. */
    public static final String RECORD = ".xenpv-import";

    private static final String RECORD_TEXT = "# xenpv:import wrote pom.xml in this folder; with -Dxenpv.import.overwrite=true "
            + "an import replaces only such a pom.xml.\nfile " + POM + "\n";

    private ImportOutput() {
    }

    /**
     * The files of an earlier import, which only an overwrite may replace.
     *
     * @param folder the output folder
     * @return its {@code pom.xml} and {@code import-report.txt}, those that exist
     */
    public static List<Path> existing(Path folder) {
        return List.of(folder.resolve(POM), folder.resolve(REPORT)).stream()
                .filter(file -> Files.exists(file, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    /**
     * Whether the folder's pom.xml is one an import wrote, by the record it keeps beside it (a
     * regular file, never followed through a link).
     *
     * @param folder the output folder
     * @return whether the record names pom.xml
     * @throws IOException when the record cannot be read
     */
    public static boolean importedPom(Path folder) throws IOException {
        Path record = folder.resolve(RECORD);
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS) || Files.size(record) > RECORD_TEXT.length() * 2L) {
            return false;
        }
        return Files.readAllLines(record, StandardCharsets.UTF_8).contains("file " + POM);
    }

    /**
     * Writes the report, and the pom with its record when there is one (no config imported, no
     * pom: then the caller writes only where no earlier import's pom is), each through a temporary
     * file beside it moved into place (an unchanged file is left alone).
     *
     * @param folder the output folder, made when missing
     * @param pom    the project, or empty when no config imported
     * @param report the report
     * @throws IOException when a file cannot be written
     */
    public static void write(Path folder, Optional<String> pom, String report) throws IOException {
        Files.createDirectories(folder);
        if (pom.isPresent()) {
            replace(folder.resolve(RECORD), RECORD_TEXT);
            replace(folder.resolve(POM), pom.get());
        }
        replace(folder.resolve(REPORT), report);
    }

    private static void replace(Path target, String content) throws IOException {
        BundleWriter.writeWhole(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
