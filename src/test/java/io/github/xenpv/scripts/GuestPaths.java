package io.github.xenpv.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A root as the system it holds sees it: the test's own resolution of guest paths (the rules the
 * scripts' rooted follows), written independently in Java. A symbolic link is followed inside the
 * root: an absolute target starts again at the root, and ".." stops at it.
 */
final class GuestPaths {

    private GuestPaths() {
    }

    /** Where {@code guestPath} (absolute or relative to /) of the system at {@code root} lies on this machine. */
    static Path resolve(Path root, String guestPath) {
        Deque<String> rest = new ArrayDeque<>(List.of(guestPath.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!rest.isEmpty()) {
            String part = rest.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path here = root.resolve(String.join("/", done)).resolve(part);
            if (Files.isSymbolicLink(here)) {
                if (++links > 40) {
                    throw new IllegalStateException("link loop at " + guestPath);
                }
                String target = readLink(here);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    rest.push(parts.get(i));
                }
            } else {
                done.add(part);
            }
        }
        return root.resolve(String.join("/", done));
    }

    /**
     * Every path of the system at {@code root}, as it sees it (links followed inside the root), with
     * what {@link ScratchGuest#snapshot} records about the thing it leads to; links are listed as
     * themselves too, so a link replaced by a file shows. Paths under {@code skipped} prefixes are
     * left out, and so is rpm's database.
     */
    static Map<String, String> snapshot(Path root, List<String> skipped) throws IOException {
        Map<String, String> view = new TreeMap<>();
        walk(root, "", skipped, view, new HashSet<>());
        return view;
    }

    private static void walk(Path root, String guestPath, List<String> skipped, Map<String, String> view, Set<Path> onTheWay)
            throws IOException {
        Path real = resolve(root, guestPath);
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) || !onTheWay.add(real)) {
            return;
        }
        List<String> names;
        try (Stream<Path> list = Files.list(real)) {
            names = list.map(path -> path.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            String child = guestPath.isEmpty() ? name : guestPath + "/" + name;
            if (skipped.stream().anyMatch(prefix -> child.equals(prefix) || child.startsWith(prefix + "/"))
                    || child.startsWith("var/lib/rpm") || child.startsWith("root/.rpmdb")) {
                continue;
            }
            Path entry = real.resolve(name);
            Path target = resolve(root, child);
            String described = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    ? ScratchGuest.describe(target, child) : "missing";
            if (Files.isSymbolicLink(entry)) {
                described = "link to " + described;
            }
            view.put(ScratchGuest.stamped(child), described);
            walk(root, child, skipped, view, onTheWay);
        }
        onTheWay.remove(real);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
