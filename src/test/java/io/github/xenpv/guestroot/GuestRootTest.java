package io.github.xenpv.guestroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guest root is read as the guest sees it, and nothing outside it is ever read. */
class GuestRootTest {

    @TempDir
    Path folder;

    Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(folder.resolve("root"));
        Files.createDirectories(folder.resolve("etc"));
        Files.writeString(folder.resolve("etc/fstab"), "outside\n");
        Files.createDirectories(root.resolve("boot/grub"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("boot/grub/grub.conf"), "default=0\n");
    }

    private Optional<GuestFile> read(String path) throws IOException {
        return GuestRoot.at(root).file(path);
    }

    @Test
    void linksAreFollowedInsideTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("etc/grub.conf"), Path.of("../boot/grub/grub.conf"));
        assertEquals(List.of("default=0"), read("/etc/grub.conf").orElseThrow().lines());
        Files.createSymbolicLink(root.resolve("etc/menu.lst"), Path.of("/boot/grub/grub.conf"));
        assertEquals(List.of("default=0"), read("/etc/menu.lst").orElseThrow().lines());
        assertEquals(root.toRealPath() + "/etc/grub.conf", read("/etc/grub.conf").orElseThrow().where());
    }

    @Test
    void noLinkLeadsOutOfTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("etc/fstab"), Path.of("../../../etc/fstab.host"));
        Files.writeString(folder.resolve("etc/fstab.host"), "outside\n");
        Files.createSymbolicLink(root.resolve("etc/abs"), folder.resolve("etc/fstab"));
        Files.writeString(root.resolve("etc/inside"), "inside\n");
        assertEquals(Optional.empty(), read("/etc/fstab"), "../.. stops at the root, which has no /etc/fstab.host");
        assertEquals(Optional.empty(), read("/etc/abs"), "an absolute target is inside the root, where it does not exist");
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        assertEquals(List.of("inside"), read("/up/etc/inside").orElseThrow().lines());
    }

    @Test
    void aLinkLoopIsAnErrorNotAHang() throws Exception {
        Files.createSymbolicLink(root.resolve("etc/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("etc/b"), Path.of("a"));
        IOException error = assertThrows(IOException.class, () -> read("/etc/a"));
        assertTrue(error.getMessage().endsWith("/etc/a: too many symbolic links"), error.getMessage());
    }

    /** A chain of 40 links is followed, as the kernel's own limit allows; the 41st link is a loop. */
    @Test
    void fortyLinksInARowAreFollowedAndNoMore() throws Exception {
        Files.writeString(root.resolve("etc/target"), "reached\n");
        Files.createSymbolicLink(root.resolve("etc/link40"), Path.of("target"));
        for (int i = 39; i >= 1; i--) {
            Files.createSymbolicLink(root.resolve("etc/link" + i), Path.of("link" + (i + 1)));
        }
        assertEquals(List.of("reached"), read("/etc/link1").orElseThrow().lines());
        Files.createSymbolicLink(root.resolve("etc/link0"), Path.of("link1"));
        IOException error = assertThrows(IOException.class, () -> read("/etc/link0"));
        assertTrue(error.getMessage().endsWith("/etc/link0: too many symbolic links"), error.getMessage());
    }

    /** The guest's block nodes are the block special files directly in its /dev: no link, no character device. */
    @Test
    void blockNodesAreTheBlockSpecialFilesOfDev() throws Exception {
        Path dev = Files.createDirectories(root.resolve("dev"));
        Checkers.mknod(dev.resolve("xvda1"), "b", 202, 1);
        Checkers.mknod(dev.resolve("hda"), "b", 3, 0);
        Checkers.mknod(dev.resolve("null"), "c", 1, 3);
        Files.createSymbolicLink(dev.resolve("root"), Path.of("xvda1"));
        Files.createDirectories(dev.resolve("pts"));
        assertEquals(List.of(new BlockNode("hda", new DeviceNumber(3, 0)), new BlockNode("xvda1", new DeviceNumber(202, 1))),
                GuestRoot.at(root).blockNodes());
    }

    @Test
    void aFolderIsNoFile() throws Exception {
        assertEquals(Optional.empty(), read("/etc"));
        assertEquals(Optional.empty(), read("/missing/file"));
    }

    @Test
    void textThatIsNotUtf8IsReadByteForByte() throws Exception {
        Files.write(root.resolve("etc/fstab"), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("# caf\u00e9"), read("/etc/fstab").orElseThrow().lines());
    }

    @Test
    void kernelTreesAreTheFoldersOfLibModules() throws Exception {
        Files.createDirectories(root.resolve("lib/modules/2.4.21-52.EL"));
        Files.createDirectories(root.resolve("lib/modules/2.4.21-57.ELsmp"));
        Files.writeString(root.resolve("lib/modules/README"), "x");
        assertEquals(List.of("2.4.21-52.EL", "2.4.21-57.ELsmp"), GuestRoot.at(root).kernelTrees());
    }

    @Test
    void deviceNumbersSplitAsGlibcSplitsThem() {
        assertEquals(new DeviceNumber(202, 17), DeviceNumber.of((202L << 8) | 17));
        assertEquals(new DeviceNumber(259, 300), DeviceNumber.of(((259L & 0xfff) << 8) | (300 & 0xff) | ((300L & ~0xffL) << 12)));
    }
}
