package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code <emulatedDisks>}: data disks that stay on the emulated IDE driver (one holding an LVM
 * physical volume, SPEC §16) keep their place in the xm config, after the boot disk and before the
 * PV disks, under the rules of the boot disk's source and the IDE devices.
 */
class EmulatedDisksTest {

    static final String GUEST = "guests/guest[rhel3_64_fv]";
    static final String FIRST = GUEST + "/emulatedDisks/emulatedDisk[1]";

    private static EmulatedDisk disk(String source, String device, String access) {
        EmulatedDisk disk = new EmulatedDisk();
        disk.setSource(source);
        disk.setDevice(device);
        disk.setAccess(access);
        return disk;
    }

    private static Validation validate(EmulatedDisk... disks) {
        Guest guest = SeedGuest.declaration();
        guest.setEmulatedDisks(new ArrayList<>(List.of(disks)));
        return GuestValidator.validate(List.of(guest));
    }

    @Test
    void anEmulatedDataDiskIsAttachedAfterTheBootDiskAndBeforeThePvDisks() {
        Validation validation = validate(disk("/dev/vg_guests/rhel3-lvm", "hdb", null), disk("/srv/ro.img", "hdd", "r"));
        assertTrue(validation.valid(), validation.errors()::toString);
        ValidGuest guest = validation.guests().get(0);
        assertEquals(List.of(new ValidEmulatedDisk(0, "/dev/vg_guests/rhel3-lvm", "hdb", "w"),
                new ValidEmulatedDisk(1, "/srv/ro.img", "hdd", "r")), guest.emulatedDisks());
        assertEquals(List.of("file:/var/lib/libvirt/images/rhel3_64_fv.dsk,hda,w", "phy:/dev/vg_guests/rhel3-lvm,hdb,w",
                "file:/srv/ro.img,hdd,r", "tap:aio:/var/lib/libvirt/images/UserStorage.dsk,xvda,w"),
                guest.xmConfig().stream().filter(setting -> setting.key().equals("disk")).findFirst().orElseThrow().value());
    }

    @Test
    void eachRuleIsReportedAtItsElement() {
        Validation validation = validate(disk("/var/lib/libvirt/images/UserStorage.dsk", "hda", "rw"),
                disk("relative.img", "xvdb", null), disk(null, null, null));
        assertEquals(List.of(FIRST + "/device", FIRST + "/access",
                GUEST + "/emulatedDisks/emulatedDisk[2]/source", GUEST + "/emulatedDisks/emulatedDisk[2]/device",
                GUEST + "/emulatedDisks/emulatedDisk[3]/source", GUEST + "/emulatedDisks/emulatedDisk[3]/device",
                GUEST + "/disks/disk[1]/source"),
                validation.errors().stream().map(Problem::path).toList(), validation.errors()::toString);
        assertTrue(validation.errors().get(0).message().contains("'hda' is also at " + GUEST + "/bootDisk/device"),
                validation.errors()::toString);
        assertTrue(validation.errors().get(3).message().contains("declare it under <disks>"), validation.errors()::toString);
        assertTrue(validation.errors().get(6).message().contains("also at " + FIRST + "/source"), validation.errors()::toString);
    }

    @Test
    void aWritableEmulatedDiskIsNoOtherGuestsDisk() {
        Guest first = SeedGuest.declaration();
        first.setEmulatedDisks(List.of(disk("/dev/vg_guests/shared", "hdb", null)));
        Guest second = SeedGuest.declaration();
        second.setName("other");
        second.getBootDisk().setSource("/var/lib/libvirt/images/other.dsk");
        second.getDisks().get(0).setSource("/dev/vg_guests/shared");
        second.getNetworks().get(0).setMac("00:16:3e:00:00:01");
        Validation validation = GuestValidator.validate(List.of(first, second));
        assertTrue(validation.errors().stream().anyMatch(problem -> problem.message().contains(
                GUEST + "/emulatedDisks/emulatedDisk[1]/source")), validation.errors()::toString);
    }
}
