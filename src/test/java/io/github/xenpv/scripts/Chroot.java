package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a command with a scratch folder as its {@code /}, for the cases that need a script to see
 * {@code /} (no {@code --root}, an empty {@code --root}): never this machine's own. In a private
 * mount namespace ({@code unshare -m}) the host's {@code /usr} is bound read-only into the folder
 * and {@code /dev/null} bound onto the folder's, then {@code chroot} runs the command; the mounts
 * end with the namespace. {@code bin}, {@code sbin}, {@code lib} and {@code lib64} become links
 * into {@code usr} (Debian's merged /usr) unless the folder has them already, as a guest root has
 * {@code lib}; glibc still finds its libraries in {@code /usr/lib}.
 */
final class Chroot {

    static final String PATH = "/usr/sbin:/usr/bin";

    private Chroot() {
    }

    /** Runs {@code command} inside {@code folder} as {@code /}; paths in it and in {@code environment} are the chroot's. */
    static Result run(Path folder, List<String> command, Map<String, String> environment) throws IOException {
        Checkers.require(Checkers.Tool.UNSHARE);
        prepare(folder);
        List<Path> made = libraryFolders(folder);
        StringBuilder mounts = new StringBuilder("root=$1; shift; mount --bind /usr \"$root/usr\""
                + " && mount -o remount,bind,ro \"$root/usr\" && mount --bind /dev/null \"$root/dev/null\"");
        for (Path library : made) {
            String inside = folder.relativize(library).toString();
            mounts.append(" && mount --bind /usr/").append(inside).append(" \"$root/").append(inside)
                    .append("\" && mount -o remount,bind,ro \"$root/").append(inside).append('"');
        }
        mounts.append(" && exec chroot \"$root\" \"$@\"");
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                mounts.toString(), "sh", folder.toString()));
        wrapped.addAll(command);
        try {
            return ScratchGuest.run(wrapped, environment, null);
        } finally {
            for (Path library : made) {
                Files.deleteIfExists(library);
            }
        }
    }

    /**
     * Makes the mount points and links the chroot needs and leaves them: call it before taking a
     * snapshot of the folder that a run must leave as it was.
     */
    static void prepare(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("usr"));
        Files.createDirectories(folder.resolve("dev"));
        Files.createDirectories(folder.resolve("tmp"));
        Path devNull = folder.resolve("dev/null");
        if (!Files.exists(devNull, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(devNull);
        }
        for (String link : List.of("bin", "sbin", "lib", "lib64")) {
            Path path = folder.resolve(link);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(path, Path.of("usr/" + link));
            }
        }
    }

    /**
     * The library folders made inside a {@code lib} of the folder's own (the loader's path,
     * {@code /lib/x86_64-linux-gnu}, must reach the host's libraries), which a run binds and then
     * removes again.
     */
    private static List<Path> libraryFolders(Path folder) throws IOException {
        List<Path> made = new ArrayList<>();
        if (!Files.isSymbolicLink(folder.resolve("lib"))) {
            try (Stream<Path> libraries = Files.list(Path.of("/usr/lib"))) {
                for (Path library : libraries.filter(path -> path.getFileName().toString().contains("-linux-gnu")
                        && Files.isDirectory(path)).toList()) {
                    Path inside = folder.resolve("lib").resolve(library.getFileName());
                    if (!Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
                        made.add(Files.createDirectories(inside));
                    }
                }
            }
        }
        return made;
    }
}
