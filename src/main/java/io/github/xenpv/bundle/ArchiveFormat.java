package io.github.xenpv.bundle;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The archive formats a bundle can be written as; the name is both the file extension and the artifact type. */
public enum ArchiveFormat {
    TAR_GZ("tar.gz"),
    ZIP("zip");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, also the Maven artifact type the archive is attached with. */
    public String extension() {
        return extension;
    }

    /** The format a user wrote in {@code <formats>}, ignoring case and surrounding space. */
    public static Optional<ArchiveFormat> named(String name) {
        return Arrays.stream(values()).filter(format -> format.extension.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Every format's name, for an error message: {@code tar.gz, zip}. */
    public static String names() {
        return Arrays.stream(values()).map(ArchiveFormat::extension).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return extension;
    }
}
