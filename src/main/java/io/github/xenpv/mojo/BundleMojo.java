package io.github.xenpv.mojo;

import io.github.xenpv.bundle.ArchiveFormat;
import io.github.xenpv.bundle.BundleArchiver;
import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.bundle.ForeignFileException;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Archives each selected guest's bundle folder as <code>{finalName}-xenpv-{name}.tar.gz</code>
 * (and in the other {@code formats}) in the build directory, and attaches it with classifier
 * <code>xenpv-{name}</code>, so that {@code install} and {@code deploy} publish it. The bundle
 * folders are brought up to date first, which writes nothing when the {@code generate} goal
 * already ran. Two builds of the same sources give byte-identical archives.
 */
@Mojo(name = "bundle", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BundleMojo extends AbstractRenderingMojo {

    /**
     * The archive formats to write for each guest: {@code tar.gz} (the default), {@code zip}
     * (entries keep their Unix modes), or both. Each archive is attached with its format as the
     * artifact type. On the command line, a comma list: {@code -Dxenpv.formats=tar.gz,zip}.
     */
    @Parameter(property = PropertyNames.FORMATS, defaultValue = "tar.gz")
    private List<String> formats;

    /**
     * Whether to attach each archive to the project, with classifier <code>xenpv-{name}</code> and its
     * format as the type, so that {@code install} and {@code deploy} publish it. Set it to
     * {@code false} to only write the archives into the build directory.
     */
    @Parameter(property = PropertyNames.ATTACH, defaultValue = "true")
    private boolean attach;

    /**
     * The time stored on every archive entry, so that two builds give the same bytes: ISO-8601
     * with an offset ({@code 2026-01-01T00:00:00Z}) or seconds since the epoch, as for Maven's
     * reproducible builds; set the {@code project.build.outputTimestamp} property. When it is unset,
     * the {@code SOURCE_DATE_EPOCH} environment variable is used, and failing that
     * {@code 1980-01-01T00:00:02Z}.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** The start of each archive's name, <code>{finalName}-xenpv-{name}.{format}</code>. */
    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    private String finalName;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    void execute(List<ValidGuest> selected) throws MojoExecutionException, MojoFailureException {
        List<ArchiveFormat> archiveFormats = ArchiveSettings.formats(formats);
        Instant entryTime = ArchiveSettings.entryTime(outputTimestamp);
        BundleArchiver.Written archives;
        try {
            BundleGenerator generator = generator();
            BundleWriter.Report report = generator.generate(selected, declared(), driverRpms(selected));
            // after generate, the folders are already right: the summary then only matters with -X
            log(report, selected.size(), !report.written().isEmpty() || report.removedCount() > 0);
            archives = new BundleArchiver(entryTime).write(report.bundles(), archiveFormats, buildDirectory().toPath(), finalName,
                    declared(), owner());
        } catch (RenderException | ForeignFileException e) {
            throw new MojoFailureException("xenpv: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not write the bundle archives to " + buildDirectory() + ": "
                    + e.getMessage(), e);
        }
        for (Path removed : archives.removed()) {
            infoOnce("xenpv: removed " + removed + ": an archive this plugin wrote for a guest or format no longer declared");
        }
        for (BundleArchiver.Archive archive : archives.archives()) {
            Optional<Artifact> attached = attach ? attached(archive) : Optional.empty();
            getLog().info("xenpv: " + archive.file() + (archive.written() ? " written" : " unchanged")
                    + (attach ? (attached.isPresent() ? ", already attached as " : ", attached as ")
                            + archive.format().extension() + ":" + archive.classifier() : ""));
            if (attached.isPresent()) {
                // a second run in one build (mvn package xenpv:bundle): attaching again makes Maven warn
                attached.get().setFile(archive.file().toFile());
            } else if (attach) {
                projectHelper.attachArtifact(project(), archive.format().extension(), archive.classifier(),
                        archive.file().toFile());
            }
        }
    }

    /** The artifact an earlier run of this goal in the build attached for this archive's type and classifier. */
    private Optional<Artifact> attached(BundleArchiver.Archive archive) {
        return project().getAttachedArtifacts().stream()
                .filter(artifact -> archive.format().extension().equals(artifact.getType())
                        && archive.classifier().equals(artifact.getClassifier()))
                .findFirst();
    }
}
