package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §16 and §4's pass row: a PV file system is never checked by boot's {@code fsck -A} unless
 * the user asks. The default pass is 0; an explicit 1 or 2 builds with one warning that names the
 * maintenance-shell risk; ext2 with pass 0 builds with one warning that it has no journal.
 */
class PvPassRuleTest {

    static final String PARTITION = "guests/guest[rhel3_64_fv]/disks/disk[1]/partitions/partition[1]";

    private static Validation validate(Consumer<Partition> change) {
        Guest guest = SeedGuest.declaration();
        change.accept(guest.getDisks().get(0).getPartitions().get(0));
        return GuestValidator.validate(List.of(guest));
    }

    @Test
    void aPvFileSystemDefaultsToPassZeroWithoutAWarning() {
        Validation validation = validate(partition -> { });
        assertEquals(List.of(), validation.warnings());
        ValidPartition partition = validation.guests().get(0).partitions().get(0);
        assertEquals(0, partition.pass());
        assertEquals("/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 0", partition.fstabLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void anExplicitPassBuildsWithOneWarningNamingTheMaintenanceShell(String pass) {
        Validation validation = validate(partition -> partition.setPass(pass));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals(Integer.parseInt(pass), validation.guests().get(0).partitions().get(0).pass(), "the user's choice stays");
        assertEquals(1, validation.warnings().size(), validation.warnings()::toString);
        Problem warning = validation.warnings().get(0);
        assertEquals(PARTITION + "/pass", warning.path());
        for (String words : List.of("'" + pass + "'", "fsck -A", "xen-vbd does not load", "maintenance shell",
                "<pass>0</pass>")) {
            assertTrue(warning.message().contains(words), () -> words + " in " + warning.message());
        }
    }

    @Test
    void ext2WithPassZeroBuildsWithOneWarningThatItHasNoJournal() {
        Validation validation = validate(partition -> partition.setFsType("ext2"));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals(1, validation.warnings().size(), validation.warnings()::toString);
        Problem warning = validation.warnings().get(0);
        assertEquals(PARTITION + "/fsType", warning.path());
        assertTrue(warning.message().contains("no journal"), warning.message());
    }

    @Test
    void ext2WithAnExplicitPassGetsOnlyThePassWarning() {
        Validation validation = validate(partition -> {
            partition.setFsType("ext2");
            partition.setPass("2");
        });
        assertEquals(List.of(PARTITION + "/pass"), validation.warnings().stream().map(Problem::path).toList());
    }

    @Test
    void swapKeepsPassZeroWithoutAWarning() {
        Validation validation = validate(partition -> partition.setMountPoint("swap"));
        assertEquals(List.of(), validation.warnings());
        assertEquals(0, validation.guests().get(0).partitions().get(0).pass());
    }

    @Test
    void withRcLocalLoadingAPassIsStillAnErrorNotAWarning() {
        Guest guest = SeedGuest.declaration();
        guest.setModuleLoading("rc.local");
        guest.getDisks().get(0).getPartitions().forEach(partition -> {
            partition.setOptions("defaults,noauto");
            partition.setPass("2");
        });
        Validation validation = GuestValidator.validate(List.of(guest));
        assertEquals(List.of(PARTITION + "/pass", PARTITION.replace("partition[1]", "partition[2]") + "/pass"),
                validation.errors().stream().map(Problem::path).toList());
        assertEquals(List.of(), validation.warnings());
    }

    /** The same rule on RHEL 4 and 5 (SPEC §15's fstab "with §16's pass rule"): their fsck -A drops to sulogin too. */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void rhel4And5GuestsDefaultToPassZeroAndAreWarnedOfAnExplicitPassAndOfExt2(String name) {
        Guest guest = Rhel45Guests.declaration(name);
        Validation silent = GuestValidator.validate(List.of(guest));
        assertEquals(List.of(), silent.warnings());
        assertTrue(silent.guests().get(0).partitions().stream().filter(partition -> !partition.swap())
                .allMatch(partition -> partition.pass() == 0 && partition.fstabLine().endsWith(" 0")),
                silent.guests().get(0).partitions()::toString);

        String partition = "guests/guest[" + name + "]/disks/disk[1]/partitions/partition[1]";
        guest.getDisks().get(0).getPartitions().get(0).setPass("2");
        Validation passTwo = GuestValidator.validate(List.of(guest));
        assertTrue(passTwo.valid(), passTwo.errors()::toString);
        assertEquals(List.of(partition + "/pass"), passTwo.warnings().stream().map(Problem::path).toList());
        assertTrue(passTwo.warnings().get(0).message().contains("maintenance shell"), passTwo.warnings()::toString);

        guest.getDisks().get(0).getPartitions().get(0).setPass(null);
        guest.getDisks().get(0).getPartitions().get(0).setFsType("ext2");
        Validation ext2 = GuestValidator.validate(List.of(guest));
        assertEquals(List.of(partition + "/fsType"), ext2.warnings().stream().map(Problem::path).toList());
    }

    /**
     * RHEL 3's PV swap is noauto, enabled by rc.modules (its rc.sysinit's swapon -a -e runs first);
     * RHEL 4's and 5's swapon -a -e runs after rc.modules has waited for the node: the line stays as declared.
     */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL5_IN_KERNEL})
    void rhel4And5PvSwapIsLeftToTheirOwnSwapon(String name) {
        Guest guest = Rhel45Guests.declaration(name);
        guest.getDisks().get(0).getPartitions().get(0).setMountPoint("swap");
        guest.getDisks().get(0).getPartitions().get(0).setFsType(null);
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals("defaults", validation.guests().get(0).partitions().get(0).options());

        Guest rhel3 = SeedGuest.declaration();
        rhel3.getDisks().get(0).getPartitions().get(0).setMountPoint("swap");
        assertEquals("defaults,noauto", GuestValidator.validate(List.of(rhel3)).guests().get(0).partitions().get(0).options());
    }
}
