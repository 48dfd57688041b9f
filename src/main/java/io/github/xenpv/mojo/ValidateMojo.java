package io.github.xenpv.mojo;

import io.github.xenpv.model.ValidGuest;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks every declared guest against every rule and reports all problems at once, each at its
 * POM element; also checks the archive formats, so that a wrong value fails before anything is
 * written. Writes nothing.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractXenpvMojo {

    /**
     * The archive formats the {@code bundle} goal will write, checked here so that a wrong value
     * (say {@code -Dxenpv.formats=rar}) fails the build before the {@code generate} goal writes
     * anything. The same values as the {@code bundle} goal's {@code formats}: {@code tar.gz},
     * {@code zip}, or both as a comma list.
     */
    @Parameter(property = PropertyNames.FORMATS, defaultValue = "tar.gz")
    private List<String> formats;

    /**
     * The time the {@code bundle} goal stores on every archive entry, checked here so that a value
     * that is no time fails the build before the {@code generate} goal writes anything; set the
     * {@code project.build.outputTimestamp} property (ISO-8601 with an offset, or seconds since the
     * epoch).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    void execute(List<ValidGuest> selected) throws MojoFailureException {
        ArchiveSettings.formats(formats);
        ArchiveSettings.entryTime(outputTimestamp);
        String filter = guestFilter();
        getLog().info("xenpv: " + count(checkedGuests(), "guest") + " checked, "
                + (checkedGuests() == 1 ? "valid" : "all valid")
                + (filter == null ? "" : "; " + selected.size() + " selected by " + PropertyNames.GUEST + "=" + filter));
    }
}
