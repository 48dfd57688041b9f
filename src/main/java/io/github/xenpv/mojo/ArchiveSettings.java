package io.github.xenpv.mojo;

import io.github.xenpv.bundle.ArchiveFormat;
import io.github.xenpv.bundle.OutputTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The archives' settings ({@code formats}, {@code project.build.outputTimestamp}), read the same
 * way by {@code validate}, so that a wrong value fails before {@code generate} writes, and by
 * {@code bundle}.
 */
final class ArchiveSettings {

    private ArchiveSettings() {
    }

    /**
     * @param names the formats as configured; {@code null} when Maven bound none
     * @return the formats, each once, in the order given
     * @throws MojoFailureException naming the first unknown format and the choices, or when none is left
     */
    static List<ArchiveFormat> formats(List<String> names) throws MojoFailureException {
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

    /**
     * @param outputTimestamp the project's {@code project.build.outputTimestamp}, may be {@code null}
     * @return the time of every archive entry
     * @throws MojoFailureException naming the property (or {@code SOURCE_DATE_EPOCH}), the value and the forms it takes
     */
    static Instant entryTime(String outputTimestamp) throws MojoFailureException {
        OutputTimestamp.Result entryTime = OutputTimestamp.parse(outputTimestamp, System::getenv);
        if (!entryTime.valid()) {
            throw new MojoFailureException("xenpv: " + entryTime.problem());
        }
        return entryTime.time();
    }
}
