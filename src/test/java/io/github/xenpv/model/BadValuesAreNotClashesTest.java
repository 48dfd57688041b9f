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

    static Stream<Arguments> sameBadValueTwiceInOneGuest() {
        return Stream.of(
                twice("a disk source", g -> {
                    secondDisk(g).setSource("images/data.dsk");
                    g.getDisks().get(0).setSource("images/data.dsk");
                }, DISK + "1]/source", DISK + "2]/source"),
                twice("a disk device", g -> {
                    secondDisk(g).setDevice("hdb");
                    g.getDisks().get(0).setDevice("hdb");
                }, DISK + "1]/device", DISK + "2]/device"),
                twice("a disk node", g -> {
                    secondDisk(g).setNode("sdb");
                    g.getDisks().get(0).setNode("sdb");
                }, DISK + "1]/node", DISK + "2]/node"),
                twice("a partition number", g -> partitions(g).forEach(partition -> partition.setNumber("0")),
                        DISK + "1]/partitions/partition[1]/number", DISK + "1]/partitions/partition[2]/number"),
                twice("a mount point", g -> partitions(g).forEach(partition -> partition.setMountPoint("/mnt/data/")),
                        DISK + "1]/partitions/partition[1]/mountPoint", DISK + "1]/partitions/partition[2]/mountPoint"),
                // each way a check fails counts: a missing value, a value out of range, a value a rule forbids
                twice("a disk source missing", g -> {
                    secondDisk(g).setSource(null);
                    g.getDisks().get(0).setSource(" ");
                }, DISK + "1]/source", DISK + "2]/source"),
                twice("a disk device out of range", g -> {
                    secondDisk(g).setDevice("xvdq");
                    g.getDisks().get(0).setDevice("xvdq");
                }, DISK + "1]/device", DISK + "2]/device"),
                twice("a partition number missing", g -> partitions(g).forEach(partition -> partition.setNumber(null)),
                        DISK + "1]/partitions/partition[1]/number", DISK + "1]/partitions/partition[2]/number"),
                twice("a mount point missing", g -> partitions(g).forEach(partition -> partition.setMountPoint(null)),
                        DISK + "1]/partitions/partition[1]/mountPoint", DISK + "1]/partitions/partition[2]/mountPoint"),
                twice("a mount point of /", g -> partitions(g).forEach(partition -> partition.setMountPoint("/")),
                        DISK + "1]/partitions/partition[1]/mountPoint", DISK + "1]/partitions/partition[2]/mountPoint"),
                twice("a mount point of /boot", g -> partitions(g).forEach(partition -> partition.setMountPoint("/boot")),
                        DISK + "1]/partitions/partition[1]/mountPoint", DISK + "1]/partitions/partition[2]/mountPoint"));
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
