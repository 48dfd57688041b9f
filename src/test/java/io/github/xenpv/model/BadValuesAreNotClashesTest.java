package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bad value written twice gives one error per place, not a third one saying the two
 * places clash: a value that failed its rule takes no part in the uniqueness checks (SPEC §6).
 */
class BadValuesAreNotClashesTest {

    static final String DISK = "guests/guest[rhel3_64_fv]/disks/disk[";

    static Arguments twice(String what, Consumer<Guest> change, String... paths) {
        return Arguments.of(what, change, List.of(paths));
    }

    /** The same change to the seed's disk and to a second, valid disk: the error is at {@code field} of each. */
    static Arguments onBothDisks(String what, Consumer<Disk> change, String field) {
        return twice(what, g -> {
            change.accept(secondDisk(g));
            change.accept(g.getDisks().get(0));
        }, DISK + "1]/" + field, DISK + "2]/" + field);
    }

    /** The same change to both partitions of the seed's disk. */
    static Arguments onBothPartitions(String what, Consumer<Partition> change, String field) {
        return twice(what, g -> partitions(g).forEach(change),
                DISK + "1]/partitions/partition[1]/" + field, DISK + "1]/partitions/partition[2]/" + field);
    }

    static Stream<Arguments> sameBadValueTwiceInOneGuest() {
        return Stream.of(
                onBothDisks("a disk source", disk -> disk.setSource("images/data.dsk"), "source"),
                onBothDisks("a disk device", disk -> disk.setDevice("hdb"), "device"),
                onBothDisks("a disk node", disk -> disk.setNode("sdb"), "node"),
                onBothPartitions("a partition number", partition -> partition.setNumber("0"), "number"),
                onBothPartitions("a mount point", partition -> partition.setMountPoint("/mnt/data/"), "mountPoint"),
                // each way a check fails counts: a missing value, a value out of range, a value a rule forbids
                onBothDisks("a disk source missing", disk -> disk.setSource(null), "source"),
                onBothDisks("a disk device out of range", disk -> disk.setDevice("xvdq"), "device"),
                onBothPartitions("a partition number missing", partition -> partition.setNumber(null), "number"),
                onBothPartitions("a mount point missing", partition -> partition.setMountPoint(null), "mountPoint"),
                onBothPartitions("a mount point of /", partition -> partition.setMountPoint("/"), "mountPoint"),
                onBothPartitions("a mount point of /boot", partition -> partition.setMountPoint("/boot"), "mountPoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameBadValueTwiceInOneGuest")
    void theSameBadValueTwiceInOneGuestGivesOneErrorEach(String what, Consumer<Guest> change, List<String> paths) {
        Guest guest = SeedGuest.declaration();
        change.accept(guest);
        assertEquals(paths, paths(List.of(guest)), what);
    }

    @Test
    void twoGuestsWithTheSameBadNameGiveOneErrorEach() {
        Guest first = SeedGuest.declaration();
        first.setName("web server");
        Guest second = GuestValidatorRulesTest.validSecond();
        second.setName("web server");
        assertEquals(List.of("guests/guest[1]/name", "guests/guest[2]/name"), paths(List.of(first, second)));
    }

    @Test
    void twoGuestsWithoutANameGiveOneErrorEach() {
        Guest first = SeedGuest.declaration();
        first.setName(null);
        Guest second = GuestValidatorRulesTest.validSecond();
        second.setName("");
        assertEquals(List.of("guests/guest[1]/name", "guests/guest[2]/name"), paths(List.of(first, second)));
    }

    @Test
    void twoGuestsWithTheSameBadUuidGiveOneErrorEach() {
        Guest first = SeedGuest.declaration();
        first.setUuid("not-a-uuid");
        Guest second = GuestValidatorRulesTest.validSecond();
        second.setUuid("not-a-uuid");
        assertEquals(List.of("guests/guest[rhel3_64_fv]/uuid", "guests/guest[rhel3_32_fv]/uuid"), paths(List.of(first, second)));
    }

    static List<String> paths(List<Guest> guests) {
        return GuestValidator.validate(guests).errors().stream().map(Problem::path).toList();
    }

    static List<Partition> partitions(Guest guest) {
        return guest.getDisks().get(0).getPartitions();
    }

    /** Adds a second, valid PV disk to the seed guest and returns it. */
    static Disk secondDisk(Guest guest) {
        Disk disk = GuestValidatorRulesTest.disk("/var/lib/libvirt/images/Other.dsk", "xvdc", "xvdc");
        List<Disk> disks = new ArrayList<>(guest.getDisks());
        disks.add(disk);
        guest.setDisks(disks);
        return disk;
    }
}
