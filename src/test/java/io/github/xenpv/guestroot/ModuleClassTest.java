package io.github.xenpv.guestroot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.guestroot.ModuleClass.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kernel's machine from the ELF header of one of its modules, as the ELF specification lays the header out. */
class ModuleClassTest {

    @TempDir
    Path folder;

    /**
     * {@code e_machine} is the two bytes at offset 18 in the byte order {@code EI_DATA} gives: a
     * machine whose low byte alone reads as x86-64's 62 (0x013e) is not x86-64, whichever the order.
     */
    @Test
    void theMachineIsBothBytesOfEMachineInTheFilesByteOrder() throws IOException {
        assertEquals(Optional.of(Machine.X86_64), machine(2, 1, 0x3e, 0x00), "little-endian x86-64");
        assertEquals(Optional.of(Machine.X86_32), machine(1, 1, 0x03, 0x00), "little-endian i386");
        assertEquals(Optional.empty(), machine(2, 1, 0x3e, 0x01), "little-endian 0x013e");
        assertEquals(Optional.empty(), machine(1, 1, 0x03, 0x80), "little-endian 0x8003");
        assertEquals(Optional.of(Machine.X86_64), machine(2, 2, 0x00, 0x3e), "big-endian 62");
        assertEquals(Optional.of(Machine.X86_32), machine(1, 2, 0x00, 0x03), "big-endian 3");
        assertEquals(Optional.empty(), machine(2, 2, 0x01, 0x3e), "big-endian 0x013e");
        assertEquals(Optional.empty(), machine(1, 2, 0x80, 0x03), "big-endian 0x8003");
        assertEquals(Optional.empty(), machine(2, 2, 0x3e, 0x00), "big-endian 0x3e00, x86-64's bytes the other way round");
        assertEquals(Optional.empty(), machine(1, 1, 0x3e, 0x00), "x86-64's machine in a 32-bit class");
    }

    /** RHEL 4 and 5 modules are {@code *.ko}; RHEL 3's are {@code *.o}. */
    @Test
    void aKoModuleOfRhel4Or5IsRead() throws IOException {
        Path tree = Files.createDirectories(folder.resolve("lib/modules/2.6.18-8.el5/kernel/fs/ext3"));
        Files.writeString(tree.resolve("ext3.ko.txt"), "not a module");
        Files.write(tree.resolve("ext3.ko"), header(2, 1, 0x3e, 0x00));
        ModuleClass found = ModuleClass.of(GuestRoot.at(folder), "2.6.18-8.el5").orElseThrow();
        assertEquals(Machine.X86_64, found.machine());
        assertEquals(folder.toRealPath() + "/lib/modules/2.6.18-8.el5/kernel/fs/ext3/ext3.ko", found.where());
    }

    /** A tree is read for 4096 entries at most: the 4096th is still read, a module after it never is. */
    @Test
    void theTreeIsReadForItsFirst4096EntriesInNameOrder() throws IOException {
        Path tree = Files.createDirectories(folder.resolve("lib/modules/2.4.21-52.EL"));
        for (int i = 0; i < 4095; i++) {
            Files.createFile(tree.resolve(String.format("a%04d.txt", i)));
        }
        Files.write(tree.resolve("m.o"), header(1, 1, 0x03, 0x00));
        assertEquals(Optional.of(Machine.X86_32), ModuleClass.of(GuestRoot.at(folder), "2.4.21-52.EL").map(ModuleClass::machine),
                "the module is the 4096th entry");
        Files.createFile(tree.resolve("a4095.txt"));
        assertEquals(Optional.empty(), ModuleClass.of(GuestRoot.at(folder), "2.4.21-52.EL"), "the module is the 4097th entry");
    }

    private Optional<Machine> machine(int elfClass, int byteOrder, int byte18, int byte19) throws IOException {
        Path module = folder.resolve("module.o");
        Files.write(module, header(elfClass, byteOrder, byte18, byte19));
        return ModuleClass.machine(module);
    }

    /** The first 20 bytes of an ELF relocatable object: identification, e_type, e_machine. */
    private static byte[] header(int elfClass, int byteOrder, int byte18, int byte19) {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[4] = (byte) elfClass;
        header[5] = (byte) byteOrder;
        header[6] = 1;
        header[byteOrder == 1 ? 16 : 17] = 1;
        header[18] = (byte) byte18;
        header[19] = (byte) byte19;
        return header;
    }
}
