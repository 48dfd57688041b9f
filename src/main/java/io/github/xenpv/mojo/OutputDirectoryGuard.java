package io.github.xenpv.mojo;

import io.github.xenpv.model.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where bundles may go. They are build output, so {@code outputDirectory} must be the build
 * directory or a folder inside it, unless {@code xenpv.allowOutsideTarget} says otherwise; it may
 * never be the project's base directory (an empty {@code -Dxenpv.outputDirectory=} gives that)
 * or a folder that holds the project. Paths are compared as the file system resolves them, so a
 * link cannot make the base directory look like a folder inside the build directory.
 */
final class OutputDirectoryGuard {

    private OutputDirectoryGuard() {
    }

    static Optional<Problem> check(File outputDirectory, File basedir, File buildDirectory, boolean allowOutsideTarget) {
        Path base = resolved(basedir.toPath(), basedir);
        Path output = resolved(outputDirectory.toPath(), basedir);
        Path build = resolved(buildDirectory.toPath(), basedir);
        String element = "outputDirectory";
        // as the user reads it: absolute, without resolving links (an empty value shows as the base directory)
        String shown = basedir.toPath().resolve(outputDirectory.toPath()).toAbsolutePath().normalize().toString();
        if (output.equals(base)) {
            return Optional.of(new Problem(element, "'" + shown + "' is the project's base directory (an empty "
                    + PropertyNames.OUTPUT_DIRECTORY + " gives that too): the bundles need a folder of their own, "
                    + "e.g. the default ${project.build.directory}/xenpv"));
        }
        if (base.startsWith(output)) {
            return Optional.of(new Problem(element, "'" + shown + "' holds the project itself: the bundles "
                    + "need a folder of their own, e.g. the default ${project.build.directory}/xenpv"));
        }
        if (!output.startsWith(build) && !allowOutsideTarget) {
            return Optional.of(new Problem(element, "'" + shown + "' is outside the build directory "
                    + buildDirectory + ": bundles are build output, which mvn clean removes; to write them there all "
                    + "the same, set " + PropertyNames.ALLOW_OUTSIDE_TARGET + " (-D" + PropertyNames.ALLOW_OUTSIDE_TARGET
                    + "=true or <allowOutsideTarget>true</allowOutsideTarget>)"));
        }
        return Optional.empty();
    }

    /**
     * The absolute path with {@code .} and {@code ..} gone and every link in the part that exists
     * resolved; the part that does not exist yet is appended as written.
     */
    static Path resolved(Path path, File basedir) {
        Path absolute = (path.isAbsolute() ? path : basedir.toPath().resolve(path)).toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path real = existing.toRealPath();
            while (!missing.isEmpty()) {
                real = real.resolve(missing.pop());
            }
            return real.normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
