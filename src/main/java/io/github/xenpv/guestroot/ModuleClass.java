package io.github.xenpv.guestroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine a kernel's modules were built for, from the ELF header of one of them: the class
 * and machine fields say 32-bit x86 ({@code i686} and {@code athlon} kernels alike) or x86-64
 * ({@code x86_64} and {@code ia32e} alike). Only the first 20 bytes of a module are read, and only
 * of a regular file; links are not followed, so nothing outside the module tree is read.
 *
 * @param where   the module read, as messages name it
 * @param machine what its header says
 */
public record ModuleClass(String where, Machine machine) {

    /** The ELF machines a RHEL guest kernel runs on. */
    public enum Machine {
        /** {@code ELFCLASS32}, {@code EM_386}. */
        X86_32("32-bit x86"),
        /** {@code ELFCLASS64}, {@code EM_X86_64}. */
        X86_64("64-bit x86-64");

        private final String words;

        Machine(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** Files looked at before giving up: a module tree holds a few hundred modules, the first ELF one answers. */
    private static final int MAX_ENTRIES = 4096;
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;

    /**
     * The machine of the first x86 ELF module ({@code *.o}, {@code *.ko}) of a kernel's tree, in name order.
     *
     * @param root    the guest root
     * @param release the kernel release whose tree to read, such as {@code 2.4.21-52.ELsmp}
     * @return what the first module with an x86 ELF header says; empty when there is none
     * @throws IOException when the tree cannot be read
     */
    public static Optional<ModuleClass> of(GuestRoot root, String release) throws IOException {
        String guestPath = "/lib/modules/" + release;
        Optional<Path> tree = root.resolve(guestPath);
        if (tree.isEmpty() || !Files.isDirectory(tree.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Deque<Path> pending = new ArrayDeque<>(List.of(tree.get()));
        int seen = 0;
        while (!pending.isEmpty() && seen < MAX_ENTRIES) {
            Path folder = pending.removeFirst();
            List<Path> entries;
            try (Stream<Path> list = Files.list(folder)) {
                entries = list.sorted().toList();
            }
            for (Path entry : entries) {
                if (++seen > MAX_ENTRIES) {
                    break;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    pending.addLast(entry);
                    continue;
                }
                String name = entry.getFileName().toString();
                if ((name.endsWith(".o") || name.endsWith(".ko")) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Machine> machine = machine(entry);
                    if (machine.isPresent()) {
                        return Optional.of(new ModuleClass(root.where(guestPath + "/"
                                + tree.get().relativize(entry).toString().replace(entry.getFileSystem().getSeparator(), "/")),
                                machine.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The machine an ELF header says, when it is one of the two; the identification bytes, then e_machine. */
    static Optional<Machine> machine(Path file) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            header = in.readNBytes(20);
        }
        if (header.length < 20 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
            return Optional.empty();
        }
        boolean littleEndian = header[5] == 1;
        int machine = littleEndian ? (header[18] & 0xff) | (header[19] & 0xff) << 8 : (header[19] & 0xff) | (header[18] & 0xff) << 8;
        if (header[4] == 1 && machine == EM_386) {
            return Optional.of(Machine.X86_32);
        }
        if (header[4] == 2 && machine == EM_X86_64) {
            return Optional.of(Machine.X86_64);
        }
        return Optional.empty();
    }
}
