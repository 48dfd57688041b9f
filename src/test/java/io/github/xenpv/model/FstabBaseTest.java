package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guest's base fstab ({@code <fstabBase>}, RHEL 3's stock fstab by default): which lines are
 * fstab entries, and which ones a PV entry replaces (commented out with the REPLACED mark).
 */
class FstabBaseTest {

    static final String MARK = BaseFiles.REPLACED_MARK;

    @Test
    void aPvSwapPartitionLeavesTheStockSwapLineAlone() {
        // every swap line has "swap" as its mount point: a PV swap claims its device only, and the
        // emulated disk's swap stays in use beside it
        ValidGuest guest = SeedGuest.validOnly(withPvSwap());
        assertEquals(BaseFiles.STOCK_FSTAB, guest.fstabBase());
        assertEquals(List.of("/dev/xvdb1", "/mnt/pvdisk_p1", "/dev/xvdb2", "/mnt/pvdisk_p2", "/dev/xvdb3"), guest.fstabClaims());
    }

    @Test
    void aBaseSwapLineOnThePvSwapDeviceIsReplaced() {
        Guest declared = withPvSwap();
        declared.setFstabBase(List.of("/dev/hda3 swap swap defaults 0 0", "/dev/xvdb3 swap swap defaults 0 0"));
        assertEquals(List.of("/dev/hda3 swap swap defaults 0 0", MARK + "/dev/xvdb3 swap swap defaults 0 0"),
                SeedGuest.validOnly(declared).fstabBase());
    }

    @Test
    void entriesOfFourAndFiveFieldsAreTakenDumpAndPassBeingOptional() {
        Guest declared = SeedGuest.declaration();
        declared.setFstabBase(List.of("none /proc proc defaults", "/dev/hdb1 /srv ext3 defaults 1",
                "/dev/hdb2 /mnt/pvdisk_p1 ext3 defaults", "/dev/hdb3 /opt ext3 defaults 1 2"));
        assertEquals(List.of("none /proc proc defaults", "/dev/hdb1 /srv ext3 defaults 1",
                MARK + "/dev/hdb2 /mnt/pvdisk_p1 ext3 defaults", "/dev/hdb3 /opt ext3 defaults 1 2"),
                SeedGuest.validOnly(declared).fstabBase());
    }

    @Test
    void theRenderedLineOfAPartitionHasItsSixFields() {
        ValidGuest guest = SeedGuest.validOnly(withPvSwap());
        assertEquals(List.of("/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 0", "/dev/xvdb2 /mnt/pvdisk_p2 ext3 defaults 1 0",
                "/dev/xvdb3 swap swap defaults,noauto 0 0"), guest.partitions().stream().map(ValidPartition::fstabLine).toList());
    }

    /** The seed guest with a third partition on its PV disk, for swap. */
    static Guest withPvSwap() {
        Guest declared = SeedGuest.declaration();
        List<Partition> partitions = new ArrayList<>(declared.getDisks().get(0).getPartitions());
        partitions.add(SeedGuest.partition("3", "swap"));
        declared.getDisks().get(0).setPartitions(partitions);
        return declared;
    }
}
