package io.github.xenpv.mojo;

import io.github.xenpv.bundle.ArchiveFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/** The {@code formats} parameter, read the same way by {@code validate} (to fail early) and {@code bundle}. */
final class ArchiveFormats {

    private ArchiveFormats() {
    }

    /**
     * @param names the formats as configured; {@code null} when Maven bound none
     * @return the formats, each once, in the order given
     * @throws MojoFailureException naming the first unknown format and the choices, or when none is left
     */
    static List<ArchiveFormat> parse(List<String> names) throws MojoFailureException {
        List<ArchiveFormat> chosen = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            ArchiveFormat format = ArchiveFormat.named(name).orElseThrow(() -> new MojoFailureException(
                    "xenpv: formats/format '" + name + "' is not a format the plugin writes; use "
                            + ArchiveFormat.names()));
            if (!chosen.contains(format)) {
                chosen.add(format);
            }
        }
        if (chosen.isEmpty()) {
            throw new MojoFailureException("xenpv: formats names no archive format; use " + ArchiveFormat.names()
                    + ", or skip the goal with " + PropertyNames.SKIP);
        }
        return chosen;
    }
}
