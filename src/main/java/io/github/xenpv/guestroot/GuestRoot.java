package io.github.xenpv.guestroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A RHEL 3 guest's root file system, mounted or copied on the machine running the build, read
 * as the guest sees it: every path, and every symbolic link in it ({@code /etc/grub.conf} is
 * one), is resolved inside the root, so nothing outside it is ever read. Nothing is written.
 * The guest's tenant controls these files: each is read up to {@link #MAX_FILE_BYTES} only, and a
 * pipe, socket or device node where a file belongs is never opened (a pipe would block the
 * build, a device feed it without end), only listed in {@link #skipped()}.
 */
public final class GuestRoot {

    /** Links followed in one path before giving up, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    /**
     * The most a config or guest file may hold: the largest real one (a grub.conf with many
     * kernels, a long fstab) is a few KiB; a bigger one is broken or planted, and reading it whole
     * could exhaust the build's memory.
     */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private final Path root;
    private final List<SkippedFile> skipped = new ArrayList<>();

    /**
     * A path where a file was looked for that holds something else.
     *
     * @param where the path, as {@link #where} names it
     * @param kind  what is there, in words: a pipe, a socket, a block or character node
     */
    public record SkippedFile(String where, String kind) {
    }

    private GuestRoot(Path root) {
        this.root = root;
    }

    /**
     * The root at a folder of this machine.
     *
     * @param root the folder; it must exist
     * @return the root
     * @throws IOException when the folder does not exist or is not one
     */
    public static GuestRoot at(Path root) throws IOException {
        Path real = root.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException(root + " is not a folder");
        }
        return new GuestRoot(real);
    }

    /**
     * The root's folder on this machine.
     *
     * @return the folder, with every link in its path resolved
     */
    public Path path() {
        return root;
    }

    /**
     * How a guest path is named in messages.
     *
     * @param guestPath a path as the guest sees it, such as {@code /etc/fstab}
     * @return the folder on this machine, then the guest path
     */
    public String where(String guestPath) {
        return root + guestPath;
    }

    /**
     * A text file of the guest.
     *
     * @param guestPath the path as the guest sees it, such as {@code /etc/fstab}
     * @return its lines, or empty when there is no regular file there
     * @throws IOException when the file cannot be read, or a link loops
     */
    public Optional<GuestFile> file(String guestPath) throws IOException {
        Optional<Path> resolved = resolve(guestPath);
        if (resolved.isEmpty() || Files.isDirectory(resolved.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(resolved.get(), LinkOption.NOFOLLOW_LINKS)) {
            SkippedFile special = new SkippedFile(where(guestPath), kind(resolved.get()));
            if (!skipped.contains(special)) {
                skipped.add(special);
            }
            return Optional.empty();
        }
        return Optional.of(new GuestFile(where(guestPath), readText(resolved.get()).lines().toList()));
    }

    /**
     * The guest paths that named a pipe, socket or device node where a file was looked for:
     * read as if absent, never opened.
     *
     * @return each, in the order they were met
     */
    public List<SkippedFile> skipped() {
        return List.copyOf(skipped);
    }

    /** What a path that is neither a folder nor a regular file holds, in words. */
    private static String kind(Path special) throws IOException {
        int type = (Integer) Files.getAttribute(special, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
        return switch (type) {
            case S_IFBLK -> "a block node";
            case S_IFCHR -> "a character node";
            case S_IFIFO -> "a pipe";
            default -> "a socket";
        };
    }

    /**
     * The text of a regular file on this machine, read up to {@link #MAX_FILE_BYTES}.
     *
     * @param file the file
     * @return its text, {@link #decode decoded}
     * @throws IOException when it cannot be read, or holds more than {@link #MAX_FILE_BYTES}
     *     (a {@link FileSystemException} naming the file and the limit)
     */
    public static String readText(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new FileSystemException(file.toString(), null, "holds more than 1 MiB, the most the import reads "
                    + "from one file: no config or guest file the import reads is that big; see what it is");
        }
        return decode(bytes);
    }

    /**
     * The first of these files that exists, such as {@code /boot/grub/grub.conf} then {@code /etc/grub.conf}.
     *
     * @param guestPaths paths as the guest sees them, in the order to try
     * @return the first that exists, or empty when none does
     * @throws IOException when a file cannot be read, or a link loops
     */
    public Optional<GuestFile> firstFile(String... guestPaths) throws IOException {
        for (String guestPath : guestPaths) {
            Optional<GuestFile> file = file(guestPath);
            if (file.isPresent()) {
                return file;
            }
        }
        return Optional.empty();
    }

    /**
     * The device number of a block node of the guest.
     *
     * @param guestPath the path as the guest sees it, such as {@code /dev/xvdb1}
     * @return its major and minor, or empty when there is no block special file there
     * @throws IOException when the path cannot be read, or this machine shows no device numbers
     */
    public Optional<DeviceNumber> blockDevice(String guestPath) throws IOException {
        Optional<Path> resolved = resolve(guestPath);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(resolved.get(), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new IOException("this machine's file system does not show device numbers (no unix attribute view)", e);
        }
        if (((Integer) attributes.get("mode") & S_IFMT) != S_IFBLK) {
            return Optional.empty();
        }
        return Optional.of(DeviceNumber.of((Long) attributes.get("rdev")));
    }

    /**
     * The block nodes of the guest's {@code /dev}.
     *
     * @return every block special file directly in it, by name
     * @throws IOException when {@code /dev} cannot be read
     */
    public List<BlockNode> blockNodes() throws IOException {
        Optional<Path> dev = resolve("/dev");
        List<BlockNode> nodes = new ArrayList<>();
        if (dev.isEmpty() || !Files.isDirectory(dev.get(), LinkOption.NOFOLLOW_LINKS)) {
            return nodes;
        }
        try (Stream<Path> entries = Files.list(dev.get())) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                Optional<DeviceNumber> number = Files.isSymbolicLink(entry) ? Optional.empty() : blockDevice("/dev/" + name);
                number.ifPresent(found -> nodes.add(new BlockNode(name, found)));
            }
        }
        return nodes;
    }

    /**
     * The regular files directly in a folder of the guest, such as LVM's {@code /etc/lvmtab.d}.
     *
     * @param guestFolder the folder as the guest sees it
     * @return the files' guest paths, sorted; empty when there is no such folder
     * @throws IOException when the folder cannot be read, or a link loops
     */
    public List<String> filesIn(String guestFolder) throws IOException {
        Optional<Path> folder = resolve(guestFolder);
        List<String> files = new ArrayList<>();
        if (folder.isEmpty() || !Files.isDirectory(folder.get(), LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder.get())) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(guestFolder + "/" + entry.getFileName());
                }
            }
        }
        return files;
    }

    /**
     * The guest's kernel module trees.
     *
     * @return the names of the folders in {@code /lib/modules}, such as {@code 2.4.21-52.ELsmp}, sorted
     * @throws IOException when {@code /lib/modules} cannot be read
     */
    public List<String> kernelTrees() throws IOException {
        Optional<Path> modules = resolve("/lib/modules");
        TreeSet<String> trees = new TreeSet<>();
        if (modules.isPresent() && Files.isDirectory(modules.get(), LinkOption.NOFOLLOW_LINKS)) {
            List<String> names;
            try (Stream<Path> entries = Files.list(modules.get())) {
                names = entries.map(entry -> entry.getFileName().toString()).toList();
            }
            // A tree may be a link (to another disk, say): it is followed inside the root, as the
            // guest follows it, never on this machine, whose own /lib/modules is no business of the guest's.
            for (String name : names) {
                Optional<Path> tree = resolve("/lib/modules/" + name);
                if (tree.isPresent() && Files.isDirectory(tree.get(), LinkOption.NOFOLLOW_LINKS)) {
                    trees.add(name);
                }
            }
        }
        return List.copyOf(trees);
    }

    /**
     * The file on this machine that {@code guestPath} names inside the root, every symbolic link
     * followed inside the root (an absolute link target starts again at the root; {@code ..}
     * stops at it). Empty when a component does not exist.
     */
    Optional<Path> resolve(String guestPath) throws IOException {
        List<String> pending = new ArrayList<>(components(guestPath));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.remove(0);
            if (component.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = here(done).resolve(component);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException(where(guestPath) + ": too many symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                pending.addAll(0, components(target));
            } else {
                done.add(component);
            }
        }
        return Optional.of(here(done));
    }

    private Path here(List<String> components) {
        Path path = root;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }

    private static List<String> components(String path) {
        List<String> components = new ArrayList<>();
        for (String component : path.split("/")) {
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return components;
    }

    /**
     * Text of a file written on RHEL 3 or RHEL 5: UTF-8 when the bytes are, else ISO-8859-1,
     * which maps every byte to a character, so nothing is lost and nothing fails to decode.
     *
     * @param bytes the file's content
     * @return its text
     */
    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
