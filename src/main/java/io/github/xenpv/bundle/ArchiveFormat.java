package io.github.xenpv.bundle;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The archive formats a bundle can be written as; the name is both the file extension and the artifact type. */
public enum ArchiveFormat {
    /** A gzip-compressed tar archive, the default. */
    TAR_GZ("tar.gz"),
    /** A zip archive whose entries keep their Unix modes. */
    ZIP("zip");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** {@return the file name extension, also the Maven artifact type the archive is attached with} */
    public String extension() {
        return extension;
    }

    /**
     * The format a user wrote in {@code <formats>}, ignoring case and surrounding space.
     *
     * @param name a format's name as written, e.g. {@code tar.gz}
     * @return the format, or empty when the plugin writes no format of that name
     */
    public static Optional<ArchiveFormat> named(String name) {
        return Arrays.stream(values()).filter(format -> format.extension.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** {@return every format's name, for an error message: {@code tar.gz, zip}} */
    public static String names() {
        return Arrays.stream(values()).map(ArchiveFormat::extension).collect(Collectors.joining(", "));
    }
}
