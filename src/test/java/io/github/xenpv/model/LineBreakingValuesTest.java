package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fstab, modules.conf and grub.conf have no quoting: a value lands there as written, so the rules
 * alone keep each field one field on one line. Every value that reaches them is tried with every
 * character that could split a field, start a comment or start a new line.
 */
class LineBreakingValuesTest {

    /** Splits a field in fstab and grub's kernel line. */
    static final List<String> FIELD_BREAKERS = List.of(" ", "\t", "\u000b", "\f", "\u00a0");
    /** Starts a comment in fstab, modules.conf (modutils) and grub.conf. */
    static final List<String> COMMENT = List.of("#");
    /** Ends the line (Java's strip() and the files' readers disagree on some; all are refused). */
    static final List<String> LINE_BREAKERS = List.of("\n", "\r", "\u0000", "\u0085", "\u2028", "\u001b");

    /** A value of the seed guest that lands in one of the files, how to set it, and which breakers it must refuse. */
    /**
     * The breaker goes after the first character of {@code valid}, inside the value: white space at
     * either end is XML layout and stripped, so numbers are written with two digits here.
     */
    static Arguments field(String path, String valid, BiConsumer<Guest, String> set, List<List<String>> breakers) {
        return Arguments.of(path, valid, set, breakers.stream().flatMap(List::stream).toList());
    }

    static Stream<Arguments> fields() {
        String guest = "guests/guest[rhel3_64_fv]";
        String partition = guest + "/disks/disk[1]/partitions/partition[1]";
        List<List<String>> all = List.of(FIELD_BREAKERS, COMMENT, LINE_BREAKERS);
        return Stream.of(
                // fstab
                field(partition + "/mountPoint", "/mnt/pvdisk_p1", (g, v) -> g.getDisks().get(0).getPartitions().get(0).setMountPoint(v), all),
                field(partition + "/options", "defaults", (g, v) -> g.getDisks().get(0).getPartitions().get(0).setOptions(v), all),
                field(partition + "/fsType", "ext3", (g, v) -> g.getDisks().get(0).getPartitions().get(0).setFsType(v), all),
                field(partition + "/dump", "00", (g, v) -> g.getDisks().get(0).getPartitions().get(0).setDump(v), all),
                field(partition + "/pass", "00", (g, v) -> g.getDisks().get(0).getPartitions().get(0).setPass(v), all),
                field(guest + "/disks/disk[1]/node", "xvdb", (g, v) -> g.getDisks().get(0).setNode(v), all),
                field(guest + "/fstabBase/line[1]", "LABEL=/", (g, v) -> g.setFstabBase(List.of(v + " / ext3 defaults 1 1")), all),
                // modules.conf: spaces separate its words, so only line breaks are refused
                field(guest + "/modulesConfBase/line[1]", "alias eth1", (g, v) -> g.setModulesConfBase(List.of(v + " e1000")),
                        List.of(LINE_BREAKERS)),
                // grub.conf: the title is the rest of its line and kernelArgs are space-separated words
                field(guest + "/grub/title", "RHEL 3", (g, v) -> grub(g).setTitle(v), List.of(LINE_BREAKERS, List.of("\t"))),
                field(guest + "/grub/root", "(hd0,0)", (g, v) -> grub(g).setRoot(v), all),
                field(guest + "/grub/rootDevice", "LABEL=/", (g, v) -> grub(g).setRootDevice(v), all),
                field(guest + "/grub/kernelArgs", "quiet", (g, v) -> grub(g).setKernelArgs(v),
                        List.of(List.of("\t", "\u000b", "\f", "\u00a0"), COMMENT, LINE_BREAKERS)),
                field(guest + "/kernel", "2.4.21-52.EL", Guest::setKernel, all),
                // the guest's name ends the BEGIN/END comment lines of all three files
                field("guests/guest[1]/name", "rhel3_64_fv", Guest::setName, all));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void everyBreakingCharacterIsRefusedAtItsElement(String path, String valid, BiConsumer<Guest, String> set, List<String> breakers) {
        for (String breaker : breakers) {
            Guest guest = SeedGuest.declaration();
            set.accept(guest, valid.substring(0, 1) + breaker + valid.substring(1));
            List<Problem> errors = GuestValidator.validate(List.of(guest)).errors();
            assertEquals(List.of(path), errors.stream().map(Problem::path).distinct().toList(),
                    () -> "U+" + Integer.toHexString(breaker.charAt(0)) + " in " + path + ": " + errors);
        }
    }

    static Grub grub(Guest guest) {
        if (guest.getGrub() == null) {
            guest.setGrub(new Grub());
        }
        return guest.getGrub();
    }
}
