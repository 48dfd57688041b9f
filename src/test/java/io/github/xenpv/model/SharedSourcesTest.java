package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-guest check of disk sources (SPEC §6): an image or device one guest writes appears in
 * no other guest, whatever order the guests are declared in; read-only sharing is allowed. Each
 * guest here has one PV disk on the shared image {@value #SHARED}, with access w or r.
 */
class SharedSourcesTest {

    static final String SHARED = "/var/lib/libvirt/images/shared.dsk";

    @Test
    void aWriterAfterAReaderIsReportedNamingTheReader() {
        assertEquals(List.of(clash("b", "a")), errors(guest("a", "r"), guest("b", "w")));
    }

    @Test
    void aReaderAfterAWriterIsReportedNamingTheWriter() {
        assertEquals(List.of(clash("b", "a")), errors(guest("a", "w"), guest("b", "r")));
    }

    @Test
    void twoWritersAreReported() {
        assertEquals(List.of(clash("b", "a")), errors(guest("a", "w"), guest("b", "w")));
    }

    @Test
    void readersShareFreely() {
        assertEquals(List.of(), errors(guest("a", "r"), guest("b", "r"), guest("c", "r")));
    }

    @Test
    void aReaderAfterReaderAndWriterIsReportedNamingTheWriter() {
        // the writer is what makes sharing unsafe: the third guest must hear of it, not of the harmless first reader
        assertEquals(List.of(clash("b", "a"), clash("c", "b")), errors(guest("a", "r"), guest("b", "w"), guest("c", "r")));
    }

    @Test
    void everyGuestAfterAWriterIsReportedNamingTheWriter() {
        assertEquals(List.of(clash("b", "a"), clash("c", "a")), errors(guest("a", "w"), guest("b", "r"), guest("c", "r")));
    }

    @Test
    void aWriterAfterTwoReadersIsReportedOnce() {
        assertEquals(List.of(clash("c", "a")), errors(guest("a", "r"), guest("b", "r"), guest("c", "w")));
    }

    @Test
    void aSourceUsedTwiceInOneGuestIsThatGuestsOwnProblemNotAClashWithItself() {
        Guest twice = guest("a", "r");
        Disk second = disk("r");
        second.setDevice("xvdb");
        twice.getDisks().add(second);
        List<Problem> errors = GuestValidator.validate(List.of(twice)).errors();
        assertEquals(List.of("guests/guest[a]/disks/disk[2]/source"), errors.stream().map(Problem::path).toList());
        assertTrue(errors.get(0).message().contains("only one disk"), errors::toString);
    }

    @Test
    void anotherGuestsBootDiskCountsAsWrittenEvenWhenReadHere() {
        Guest owner = guest("a", "w");
        Guest reader = guest("b", "r");
        reader.getDisks().get(0).setSource(owner.getBootDisk().getSource());
        List<Problem> errors = GuestValidator.validate(List.of(owner, reader)).errors();
        assertEquals(List.of("guests/guest[b]/disks/disk[1]/source"), errors.stream().map(Problem::path).toList());
        assertTrue(errors.get(0).message().contains("also used by guests/guest[a]/bootDisk/source"), errors::toString);
    }

    /** The error at guest {@code at}'s disk, naming guest {@code first}'s disk as the other user. */
    static Problem clash(String at, String first) {
        return new Problem("guests/guest[" + at + "]/disks/disk[1]/source", "'" + SHARED + "' is also used by guests/guest["
                + first + "]/disks/disk[1]/source: two guests writing one image or device corrupt its file systems; "
                + "only read-only (access r) sharing is allowed");
    }

    static List<Problem> errors(Guest... guests) {
        return GuestValidator.validate(List.of(guests)).errors();
    }

    /** A guest of its own name, boot disk and MAC whose one PV disk is the shared image. */
    static Guest guest(String name, String access) {
        Guest guest = SeedGuest.declaration();
        guest.setName(name);
        guest.getBootDisk().setSource("/var/lib/libvirt/images/" + name + ".dsk");
        guest.getNetworks().get(0).setMac(null);
        guest.setDisks(new ArrayList<>(List.of(disk(access))));
        return guest;
    }

    static Disk disk(String access) {
        Disk disk = new Disk();
        disk.setSource(SHARED);
        disk.setDevice("xvda");
        disk.setAccess(access);
        return disk;
    }
}
