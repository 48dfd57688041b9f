package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.FstabEntry;
import io.github.xenpv.guestroot.GuestFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a guest root says about LVM: RHEL 3's LVM1, the volume groups in {@code /etc/lvmtab} and
 * the physical volumes each group's descriptor in {@code /etc/lvmtab.d/<vg>} names (its binary holds
 * the PV device names as text); RHEL 4's and 5's LVM2, the metadata backup every LVM2 command
 * writes to {@code /etc/lvm/backup/<vg>} (text: each physical volume's {@code device = "/dev/hdb1"}
 * hint); and fstab lines on {@code /dev/<vg>/<lv>}. RHEL 3's rc.sysinit runs {@code vgscan} and
 * {@code vgchange -a y} (initscripts r7-31-31-EL, lines 344-349) before {@code /etc/rc.modules}
 * loads the PV drivers, so a volume group on a PV disk is never found at boot and its file systems
 * never mount: a disk that holds a physical volume stays emulated ({@link DiskImport} says why for
 * each release).
 *
 * @param physicalVolumes each disk ({@code hdb}) that holds a physical volume, with what says so
 * @param evidence        where the guest shows it uses LVM at all (file or fstab line), empty when it does not
 */
record LvmUse(Map<String, String> physicalVolumes, Optional<String> evidence) {

    private static final Pattern PV_NAME = Pattern.compile("/dev/(hd[a-t]|sd[a-z])([0-9]{0,2})");
    /** Folders of /dev that hold disks of a driver, not logical volumes. */
    private static final Set<String> DRIVER_FOLDERS = Set.of("cciss", "ida", "rd", "i2o", "ataraid", "md", "scsi", "ide",
            "discs", "mapper", "pts", "shm", "disk", "cdroms", "floppy");
    private static final Pattern LOGICAL_VOLUME = Pattern.compile("/dev/([A-Za-z0-9_.+-]+)/[A-Za-z0-9_.+-]+");

    static LvmUse read(RootFiles root) throws IOException {
        Map<String, String> physicalVolumes = new LinkedHashMap<>();
        List<String> evidence = new ArrayList<>();
        Optional<GuestFile> lvmtab = root.root().file("/etc/lvmtab");
        lvmtab.ifPresent(file -> evidence.add(file.where()));
        for (String descriptor : root.root().filesIn("/etc/lvmtab.d")) {
            Optional<GuestFile> file = root.root().file(descriptor);
            if (file.isEmpty()) {
                continue;
            }
            String group = descriptor.substring(descriptor.lastIndexOf('/') + 1);
            evidence.add(file.get().where());
            Matcher name = PV_NAME.matcher(String.join("\n", file.get().lines()));
            while (name.find()) {
                physicalVolumes.putIfAbsent(name.group(1), "physical volume " + name.group() + " of volume group " + group
                        + " (" + file.get().where() + ")");
            }
        }
        for (String backup : root.root().filesIn("/etc/lvm/backup")) {
            Optional<GuestFile> file = root.root().file(backup);
            if (file.isEmpty()) {
                continue;
            }
            String group = backup.substring(backup.lastIndexOf('/') + 1);
            evidence.add(file.get().where());
            for (String line : file.get().lines()) {
                Matcher name = PV_NAME.matcher(line);
                if (line.trim().startsWith("device") && name.find()) {
                    physicalVolumes.putIfAbsent(name.group(1), "physical volume " + name.group() + " of volume group "
                            + group + " (" + file.get().where() + ")");
                }
            }
        }
        if (root.fstab().isPresent()) {
            for (FstabEntry line : root.fstab().get().outside()) {
                Matcher volume = LOGICAL_VOLUME.matcher(line.device());
                if (volume.matches() && !DRIVER_FOLDERS.contains(volume.group(1))) {
                    evidence.add(root.fstab().get().file().at(line.line()) + " (" + line.device() + " on "
                            + line.mountPoint() + ")");
                    break;
                }
            }
        }
        return new LvmUse(physicalVolumes, evidence.stream().findFirst());
    }

    /**
     * Why the data disk on emulated {@code device} must stay emulated, or empty when it may move:
     * it holds a physical volume, or the guest uses LVM and no descriptor says which disks hold them.
     */
    Optional<String> keepsEmulated(String device) {
        if (physicalVolumes.containsKey(device)) {
            return Optional.of("it holds LVM " + physicalVolumes.get(device));
        }
        if (physicalVolumes.isEmpty() && evidence.isPresent()) {
            return Optional.of("the guest uses LVM (" + evidence.get() + ") and no readable /etc/lvmtab.d descriptor "
                    + "or /etc/lvm/backup file says which disks hold its physical volumes, so no data disk moves; declare "
                    + "it under <disks> by hand if it holds none");
        }
        return Optional.empty();
    }
}
