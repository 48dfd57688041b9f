package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.fixtures.StandInRpm;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver RPMs a bundle carries (issue 21, point 3): read from packages the real rpmbuild
 * makes, refused when they are none, and chosen per guest as install-guest.sh finds them.
 */
class DriverRpmTest {

    @TempDir
    Path folder;

    private DriverRpm built(String name, String arch) throws Exception {
        Path rpm = StandInRpm.build(folder.resolve("rpmbuild"), name, "0.1", "5.el", arch,
                "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", "xen-vbd.o");
        return DriverRpm.read(rpm.getFileName().toString(), Files.readAllBytes(rpm));
    }

    @Test
    void theHeaderGivesNameVersionReleaseAndArch() throws Exception {
        DriverRpm rpm = built("kmod-xenpv-smp", "i686");
        assertEquals(List.of("kmod-xenpv-smp", "0.1", "5.el", "i686"), List.of(rpm.name(), rpm.version(), rpm.release(),
                rpm.arch()));
        assertEquals("kmod-xenpv-smp-0.1-5.el.i686.rpm", rpm.packageFileName());
        assertEquals(rpm.packageFileName(), rpm.fileName());
    }

    @Test
    void whatIsNoRpmIsRefusedSayingWhy() throws Exception {
        byte[] real = Files.readAllBytes(StandInRpm.build(folder.resolve("rpmbuild"), "kmod-xenpv", "0.1", "5.el",
                "x86_64", null));
        assertEquals("is not an RPM: it does not start with an RPM lead", assertThrows(DriverRpm.NotAnRpm.class, () ->
                DriverRpm.read("kmod-xenpv.rpm", "not an RPM\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("is not an RPM: its signature header is missing or damaged", assertThrows(DriverRpm.NotAnRpm.class,
                () -> DriverRpm.read("kmod-xenpv.rpm", Arrays.copyOf(real, 100))).getMessage());
        assertEquals("is not a whole RPM: its signature says " + real.length + " bytes, the file has " + (real.length - 1)
                + " (cut short, or something appended)", assertThrows(DriverRpm.NotAnRpm.class,
                () -> DriverRpm.read("kmod-xenpv.rpm", Arrays.copyOf(real, real.length - 1))).getMessage());
        assertTrue(assertThrows(DriverRpm.NotAnRpm.class, () -> DriverRpm.read("install-guest.sh", real)).getMessage()
                .contains("ending in .rpm"));
        assertTrue(assertThrows(DriverRpm.NotAnRpm.class, () -> DriverRpm.read("../kmod-xenpv.rpm", real)).getMessage()
                .contains("cannot be the RPM's name in the bundle"));
    }

    @Test
    void aGuestsDriverRpmMatchesAsTheShellMatchesIt() throws Exception {
        DriverRpm rpm = built("kmod-xenpv", "x86_64");
        assertTrue(rpm.matches("kmod-xenpv*.rpm"));
        assertTrue(rpm.matches("*"));
        assertTrue(rpm.matches("kmod-xenpv-0.1-5.el.x86_64.rpm"));
        assertFalse(rpm.matches("kmod-xenpv-smp*.rpm"));
        assertFalse(rpm.matches("kmod-xenpv"));
    }

    @Test
    void eachGuestGetsTheRpmOfItsVariantAndArchAmongThoseItsDriverRpmMatches() throws Exception {
        DriverRpm up32 = built("kmod-xenpv", "i686");
        DriverRpm smp32 = built("kmod-xenpv-smp", "i686");
        DriverRpm up64 = built("kmod-xenpv", "x86_64");
        ValidGuest seed = SeedGuest.valid();
        Guest smpDeclared = SeedGuest.declaration();
        smpDeclared.setName("db");
        smpDeclared.setArch("i686");
        smpDeclared.setKernelVariant("smp");
        smpDeclared.getNetworks().get(0).setMac("00:16:3e:00:00:02");
        smpDeclared.getBootDisk().setSource("/var/lib/libvirt/images/db.dsk");
        smpDeclared.setDisks(List.of());
        ValidGuest smp = SeedGuest.validOnly(smpDeclared);
        DriverRpms.Choice choice = DriverRpms.choose(List.of(seed, smp), List.of(up32, smp32, up64));
        assertEquals(List.of(), choice.problems());
        assertEquals(Map.of("rhel3_64_fv", up64, "db", smp32), choice.byGuest());
        assertEquals(Map.of(), DriverRpms.choose(List.of(seed), List.of()).byGuest(), "no driver RPMs, as before");
    }

    @Test
    void aGuestWhoseDriverRpmSinglesOutNoneIsTheProblemAtThatElement() throws Exception {
        DriverRpm smp32 = built("kmod-xenpv-smp", "i686");
        DriverRpm hugemem32 = built("kmod-xenpv-hugemem", "i686");
        DriverRpms.Choice none = DriverRpms.choose(List.of(SeedGuest.valid()), List.of(smp32, hugemem32));
        assertEquals(List.of(new Problem("guests/guest[rhel3_64_fv]/driverRpm", "'kmod-xenpv*.rpm' matches 2 of the "
                + "driver RPMs (kmod-xenpv-smp-0.1-5.el.i686.rpm, kmod-xenpv-hugemem-0.1-5.el.i686.rpm), and none of them "
                + "is package kmod-xenpv built for x86_64: set <driverRpm> to the name of the one this guest installs")),
                none.problems());
        Guest other = SeedGuest.declaration();
        other.setDriverRpm("kmod-xenpv-0.1*.rpm");
        assertEquals(List.of(new Problem("guests/guest[rhel3_64_fv]/driverRpm", "'kmod-xenpv-0.1*.rpm' matches none of "
                + "the driver RPMs the bundles carry (driverRpms: kmod-xenpv-smp-0.1-5.el.i686.rpm): add the kmod-xenpv RPM "
                + "this guest installs, built for x86_64 and kernel 2.4.21-52.EL, to <driverRpms>, or set <driverRpm> to "
                + "the name of one of them")),
                DriverRpms.choose(List.of(SeedGuest.validOnly(other)), List.of(smp32)).problems());
    }
}
