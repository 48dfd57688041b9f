package io.github.xenpv.guestroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
