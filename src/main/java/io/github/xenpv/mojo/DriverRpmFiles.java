package io.github.xenpv.mojo;

import io.github.xenpv.bundle.DriverRpm;
import io.github.xenpv.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * The driver RPMs {@code driverRpms} names, read: a project file from the base directory, an
 * artifact through Maven's repository system (the local repository, then the project's remote
 * ones). Each must be a regular file holding an RPM; every one that is not is a problem at its
 * element, all of them in one failure, before anything is written.
 */
final class DriverRpmFiles {

    /** Maven's repository system and the build's view of it, for artifacts. */
    record Repositories(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> remotes) {
    }

    /** The RPMs, or every problem. */
    record Read(List<DriverRpm> rpms, List<Problem> problems) {
    }

    private DriverRpmFiles() {
    }

    static Read read(List<DriverRpmSource> sources, Path basedir, Repositories repositories) {
        List<DriverRpm> rpms = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (DriverRpmSource source : sources) {
            String element = source.artifact() ? source.element() : source.element() + "/file";
            String shown;
            Path file;
            if (source.artifact()) {
                shown = source.coordinates();
                try {
                    file = resolve(source, repositories);
                } catch (ArtifactResolutionException e) {
                    problems.add(new Problem(element, "cannot resolve " + shown + ": " + e.getMessage()));
                    continue;
                }
            } else {
                file = basedir.resolve(source.file());
                shown = "'" + file + "'";
            }
            try {
                DriverRpm rpm = rpm(file, source.artifact());
                String first = names.putIfAbsent(rpm.fileName(), source.element());
                if (first != null) {
                    problems.add(new Problem(element, shown + " has the name " + rpm.fileName() + " in the bundle, as "
                            + first + " has: a bundle folder holds one file of a name"));
                } else {
                    rpms.add(rpm);
                }
            } catch (DriverRpm.NotAnRpm e) {
                problems.add(new Problem(element, shown + " " + e.getMessage()));
            } catch (IOException e) {
                problems.add(new Problem(element, shown + " cannot be read: " + (e.getMessage() == null
                        ? "an I/O error" : e.getMessage())));
            }
        }
        return new Read(rpms, problems);
    }

    /**
     * The RPM in {@code file}, named in the bundle as the file is, or, for an artifact (whose file
     * the repository names {@code <artifactId>-<version>[-<classifier>].rpm}), as rpm names the package.
     */
    private static DriverRpm rpm(Path file, boolean artifact) throws IOException, DriverRpm.NotAnRpm {
        if (!Files.exists(file)) {
            throw new DriverRpm.NotAnRpm("does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new DriverRpm.NotAnRpm("is not a file");
        }
        if (Files.size(file) > DriverRpm.MAX_SIZE) {
            throw new DriverRpm.NotAnRpm("is larger than " + (DriverRpm.MAX_SIZE >> 20) + " MiB: no kmod-xenpv RPM is");
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes((int) DriverRpm.MAX_SIZE + 1);
        }
        String name = file.getFileName().toString();
        if (!artifact) {
            return DriverRpm.read(name, content);
        }
        return DriverRpm.read(DriverRpm.read(name.endsWith(".rpm") ? name : name + ".rpm", content).packageFileName(),
                content);
    }

    private static Path resolve(DriverRpmSource source, Repositories repositories) throws ArtifactResolutionException {
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(source.groupId(), source.artifactId(),
                source.classifier(), source.type(), source.version()), repositories.remotes(), null);
        return repositories.system().resolveArtifact(repositories.session(), request).getArtifact().getFile().toPath();
    }
}
