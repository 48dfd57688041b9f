package io.github.xenpv.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The disks of one guest: the emulated boot disk, the PV disks and their partitions, with the
 * rules that keep sources, vdevs, nodes and mount points apart inside the guest and the boot
 * order rule of {@code rc.local} loading.
 */
final class DiskCheck {

    private static final Pattern SOURCE_PATH = Pattern.compile("/[A-Za-z0-9_./+@-]{0,1023}");
    private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9_./+-]{0,1023}");
    private static final Pattern BOOT_DEVICE = Pattern.compile("hd[a-d]");
    private static final Pattern PARTITION_NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final String NOAUTO = "noauto";
    private static final Pattern MOUNT_OPTIONS = Pattern.compile("[A-Za-z0-9_=.-]+(,[A-Za-z0-9_=.-]+)*");

    private final Problems problems;
    private final Values values;
    /** Every disk source of the guest so far, and the element that names it: one source backs one disk. */
    private final Map<String, String> sources = new HashMap<>();
    /** The guest's element, e.g. {@code guests/guest[web]}. */
    private final String path;

    DiskCheck(Problems problems, String guestPath) {
        this.problems = problems;
        this.values = new Values(problems);
        this.path = guestPath;
    }

    ValidBootDisk bootDisk(BootDisk declared) {
        String element = path + "/bootDisk";
        if (declared == null) {
            problems.error(element, "is required: the emulated IDE disk the guest boots from, with its <source>");
            return null;
        }
        String source = sourcePath(element + "/source", declared.getSource());
        if (source != null) {
            sources.put(source, element + "/source");
        }
        String device = Values.text(declared.getDevice());
        if (device == null) {
            device = "hda";
        } else if (Xvd.letter(device) >= 0) {
            problems.error(element + "/device", "'" + device + "' is a PV device, and PV disks cannot boot: "
                    + "the guest boots from an emulated IDE disk, hda..hdd");
            device = null;
        } else if (!BOOT_DEVICE.matcher(device).matches()) {
            problems.error(element + "/device", "'" + device + "' is not an emulated IDE disk: expected hda, hdb, hdc or hdd");
            device = null;
        }
        return source == null || device == null ? null : new ValidBootDisk(source, device);
    }

    /**
     * The data disks that stay emulated: IDE disks beside the boot disk, each on its own device, each
     * source used once in the guest.
     */
    List<ValidEmulatedDisk> emulatedDisks(List<EmulatedDisk> declared, ValidBootDisk bootDisk) {
        Map<String, String> devices = new HashMap<>();
        if (bootDisk != null) {
            devices.put(bootDisk.device(), path + "/bootDisk/device");
        }
        return Problems.each(path + "/emulatedDisks", "emulatedDisk", declared, (element, index, disk) -> {
            if (disk == null) {
                problems.error(element, "is empty: an emulated disk needs <source> and <device>");
                return null;
            }
            String source = sourcePath(element + "/source", disk.getSource());
            if (source != null) {
                problems.unique(sources, source, element + "/source", "one image or device can back only one disk");
            }
            String device = Values.text(disk.getDevice());
            if (device == null) {
                problems.error(element + "/device", "is required: the emulated IDE disk, hdb, hdc or hdd");
            } else if (!BOOT_DEVICE.matcher(device).matches()) {
                problems.error(element + "/device", "'" + device + "' is not an emulated IDE disk: expected hda, hdb, hdc "
                        + "or hdd (an xvd device is a PV disk: declare it under <disks>)");
                device = null;
            } else {
                problems.unique(devices, device, element + "/device", "each emulated disk needs its own IDE device");
            }
            String access = access(element, disk.getAccess());
            return source == null || device == null ? null : new ValidEmulatedDisk(index, source, device, access);
        });
    }

    private String access(String element, String declared) {
        String access = Values.text(declared) == null ? "w" : Values.text(declared);
        if (!access.equals("w") && !access.equals("r")) {
            problems.error(element + "/access", "'" + access + "' is not an access mode: expected w (read-write) "
                    + "or r (read-only)");
        }
        return access;
    }

    /** {@code release} null: the guest's kernel did not check out, and the rules that depend on it wait for it. */
    List<ValidDisk> disks(List<Disk> declared, ModuleLoading loading, Release release) {
        if (declared.size() > Xvd.MAX_DISKS) {
            problems.error(path + "/disks", declared.size() + " disks declared: " + guestHas(release) + " at most "
                    + Xvd.MAX_DISKS + " PV disks, xvda..xvdp (" + minors(release) + ")");
        }
        Map<String, String> devices = new HashMap<>();
        Map<String, String> nodes = new HashMap<>();
        Map<String, String> mountPoints = new HashMap<>();
        return Problems.each(path + "/disks", "disk", declared, (element, index, disk) -> {
            if (disk == null) {
                problems.error(element, "is empty: a PV disk needs <source> and <device>");
                return null;
            }
            String source = sourcePath(element + "/source", disk.getSource());
            if (source != null) {
                problems.unique(sources, source, element + "/source", "one image or device can back only one disk");
            }
            Integer letter = xvdLetter(element + "/device", Values.text(disk.getDevice()), true, release);
            String device = letter == null ? null : Values.text(disk.getDevice());
            boolean deviceTaken = device != null && devices.containsKey(device);
            if (device != null) {
                problems.unique(devices, device, element + "/device", "each PV disk needs its own Xen vdev");
            }
            String declaredNode = Values.text(disk.getNode());
            String nodeName = declaredNode == null ? device : declaredNode;
            if (declaredNode != null && xvdLetter(element + "/node", nodeName, false, release) == null) {
                nodeName = null;
            } else if (declaredNode != null && device != null && release != null && release.kernel26()
                    && !declaredNode.equals(device)) {
                problems.error(element + "/node", "'" + declaredNode + "' differs from <device> " + device + ": on "
                        + release.title() + " udev makes the node and names it after the kernel's disk, which follows "
                        + "the vdev (" + device + "); leave <node> out");
                nodeName = null;
            }
            if (nodeName != null && declaredNode != null) {
                problems.unique(nodes, nodeName, element + "/node", "each PV disk needs its own /dev node");
            } else if (nodeName != null && !deviceTaken) {
                // the node is the device's name by default: a clash is reported at <device>, which the user wrote
                problems.unique(nodes, nodeName, element + "/device", " (the <node> it defaults to)",
                        "each PV disk needs its own /dev node, and this disk's <node> defaults to its <device>: declare "
                                + "a <node> for it");
            }
            String access = access(element, disk.getAccess());
            List<ValidPartition> partitions = partitions(element, disk, letter, nodeName, mountPoints, loading, release);
            if (source == null || letter == null || nodeName == null) {
                return null;
            }
            return new ValidDisk(index, source, device, Xvd.node(nodeName, letter, 0), access, partitions);
        });
    }

    /** The index of the vdev letter (xvda = 0), or {@code null} after reporting why it is not one. */
    private Integer xvdLetter(String element, String value, boolean isVdev, Release release) {
        if (value == null) {
            problems.error(element, "is required: the PV disk's Xen virtual device, xvda..xvdp");
            return null;
        }
        int letter = Xvd.letter(value);
        if (letter < 0) {
            String hint = value.startsWith("hd") || value.startsWith("sd")
                    ? ": PV disks are xvd devices; " + value + " would be an emulated disk"
                    : "";
            problems.error(element, "'" + value + "' is not a Xen virtual disk name, xvd<letter>" + hint);
            return null;
        }
        if (isVdev && letter >= Xvd.MAX_DISKS) {
            problems.error(element, "'" + value + "' is out of range: " + guestHas(release) + " 16 PV disks, "
                    + "xvda..xvdp (" + minors(release) + ")");
            return null;
        }
        return letter;
    }

    private List<ValidPartition> partitions(String diskElement, Disk disk, Integer letter, String nodeName,
            Map<String, String> mountPoints, ModuleLoading loading, Release release) {
        List<Partition> declared = disk.getPartitions() == null ? List.of() : disk.getPartitions();
        Set<Integer> numbers = new HashSet<>();
        return Problems.each(diskElement + "/partitions", "partition", declared, (element, index, partition) -> {
            if (partition == null) {
                problems.error(element, "is empty: a partition needs <number> and <mountPoint>");
                return null;
            }
            Integer number = partitionNumber(element + "/number", partition.getNumber(), release);
            if (number != null && !numbers.add(number)) {
                problems.error(element + "/number", "'" + number + "' is declared twice on this disk");
            }
            String mountPoint = mountPoint(element + "/mountPoint", partition.getMountPoint());
            boolean swap = ValidPartition.SWAP.equals(mountPoint);
            if (mountPoint != null && !swap) {
                problems.unique(mountPoints, mountPoint, element + "/mountPoint",
                        "two file systems cannot share a mount point");
            }
            String fsType = Values.text(partition.getFsType());
            if (fsType == null) {
                fsType = swap ? ValidPartition.SWAP : "ext3";
            } else if (!fsType.equals("ext2") && !fsType.equals("ext3") && !fsType.equals(ValidPartition.SWAP)) {
                problems.error(element + "/fsType", "'" + fsType + "' is not a file system "
                        + (release == null ? Release.RHEL3 : release).title() + " mounts here: "
                        + "expected ext2, ext3 or swap");
            } else if (mountPoint != null && swap != fsType.equals(ValidPartition.SWAP)) {
                problems.error(element + "/fsType", "'" + fsType + "' does not fit mount point '" + mountPoint
                        + "': swap goes with mount point swap and only there");
            }
            String options = Values.text(partition.getOptions()) == null ? "defaults" : Values.text(partition.getOptions());
            boolean optionsValid = MOUNT_OPTIONS.matcher(options).matches();
            if (!optionsValid) {
                problems.error(element + "/options", "'" + options + "' is not a mount option list: comma-separated "
                        + "words of letters, digits, '_', '=', '.' or '-', without spaces");
            }
            int dump = values.number(element + "/dump", partition.getDump(), swap ? 0 : 1, 0, 1, "the dump flag");
            int errorsBeforePass = problems.errorCount();
            int pass = values.number(element + "/pass", partition.getPass(), 0, 0, 2, "the fsck pass");
            boolean passValid = problems.errorCount() == errorsBeforePass;
            if (loading == ModuleLoading.RC_LOCAL && mountPoint != null) {
                // A value already refused is not judged again: its fallback is not what the user wrote.
                bootOrder(element, passValid ? pass : 0, optionsValid ? options : "noauto");
            } else if (passValid && mountPoint != null && !swap) {
                checkedAtBoot(element, pass, fsType);
            }
            if (number == null || letter == null || nodeName == null || mountPoint == null) {
                return null;
            }
            if (swap && loading == ModuleLoading.RC_MODULES && (release == null || !release.kernel26())
                    && !List.of(options.split(",")).contains(NOAUTO)) {
                // RHEL 3's rc.sysinit runs swapon -a -e before rc.modules, while the node has no driver,
                // and shows "Activating swap partitions [FAILED]": rc.modules enables PV swap itself.
                // RHEL 4 and 5 run it after rc.modules, which has waited for the node.
                options = options + "," + NOAUTO;
            }
            return new ValidPartition(number, Xvd.node(nodeName, letter, number), mountPoint, fsType, options, dump, pass);
        });
    }

    /**
     * A PV file system that boot's fsck -A checks stops the whole boot when its driver does not load
     * (SPEC §16): pass 0 is the default, and anything else is the user's choice, warned. An ext2 file
     * system with pass 0 is never checked after a crash, having no journal to replay.
     */
    private void checkedAtBoot(String element, int pass, String fsType) {
        if (pass != 0) {
            problems.warning(element + "/pass", "'" + pass + "' makes boot's fsck -A check this PV file system: on a "
                    + "boot where xen-vbd does not load (a kernel whose symbol checksums differ from the driver's, the "
                    + "other kernel variant, a disk dom0 no longer attaches) fsck fails and the guest stops in the "
                    + "maintenance shell (\"Repair filesystem\") until someone opens its console; the default, "
                    + "<pass>0</pass>, lets boot go on without the PV disks");
        } else if ("ext2".equals(fsType)) {
            problems.warning(element + "/fsType", "'ext2' with pass 0: boot never checks this PV file system, and "
                    + "ext2 has no journal to replay after a crash; use ext3 (tune2fs -j adds a journal), or run "
                    + "e2fsck on it by hand after an unclean shutdown");
        }
    }

    /** How the disk limit's message starts: RHEL 3's limit is the 2.4 kernel's, RHEL 4 and 5 keep the same range. */
    private static String guestHas(Release release) {
        return release != null && release.kernel26() ? "the plugin gives a " + release.title() + " guest" : "a 2.4 guest has";
    }

    /** Why the range is xvda..xvdp: 2.4's 8-bit minors; on 2.6 the 16 minors per disk of the xvd major. */
    private static String minors(Release release) {
        return release != null && release.kernel26() ? "16 minors per disk in the xvd major" : "8-bit minors, 16 per disk";
    }

    /** rc.sysinit checks and mounts fstab entries before rc.local runs: they must wait for it. */
    private void bootOrder(String element, int pass, String options) {
        if (pass != 0) {
            problems.error(element + "/pass", "'" + pass + "' makes boot fsck this PV partition before rc.local loads "
                    + "xen-vbd, so boot stops in a maintenance shell: use <pass>0</pass> with <moduleLoading>rc.local"
                    + "</moduleLoading>, or the default rc.modules");
        }
        if (!List.of(options.split(",")).contains(NOAUTO)) {
            problems.error(element + "/options", "'" + options + "' lacks noauto: boot mounts fstab entries before "
                    + "rc.local loads xen-vbd; add noauto with <moduleLoading>rc.local</moduleLoading>, or use the "
                    + "default rc.modules");
        }
    }

    private Integer partitionNumber(String element, String value, Release release) {
        String number = Values.text(value);
        if (number == null) {
            problems.error(element, "is required: the partition number, 1.." + Xvd.MAX_PARTITION);
            return null;
        }
        if (!PARTITION_NUMBER.matcher(number).matches() || Integer.parseInt(number) < 1 || Integer.parseInt(number) > Xvd.MAX_PARTITION) {
            problems.error(element, "'" + number + "' is out of range: " + (release != null && release.kernel26()
                    ? "a PV disk has" : "a 2.4 PV disk has") + " partitions 1.." + Xvd.MAX_PARTITION
                    + " (16 minors per disk, minor 0 is the whole disk)");
            return null;
        }
        return Integer.parseInt(number);
    }

    private String mountPoint(String element, String value) {
        String mountPoint = Values.text(value);
        if (mountPoint == null) {
            problems.error(element, "is required: an absolute path such as /mnt/data, or swap");
            return null;
        }
        if (ValidPartition.SWAP.equals(mountPoint)) {
            return mountPoint;
        }
        String problem = Values.pathProblem(mountPoint);
        if (!MOUNT_PATH.matcher(mountPoint).matches() || problem != null) {
            problems.error(element, "'" + mountPoint + "' is not a mount point: an absolute path of letters, digits, "
                    + "'_', '.', '/', '+' or '-'" + Values.reason(problem) + ", or swap");
            return null;
        }
        if (mountPoint.equals("/")) {
            problems.error(element, "'/' cannot be on a PV disk: the guest boots from its emulated disk, and the root "
                    + "file system must be there");
            return null;
        }
        if (mountPoint.equals("/boot") || mountPoint.startsWith("/boot/")) {
            problems.error(element, "'" + mountPoint + "' cannot be on a PV disk: PV disks cannot boot, so /boot and "
                    + "anything under it stay on the emulated disk");
            return null;
        }
        return mountPoint;
    }

    private String sourcePath(String element, String value) {
        String source = Values.text(value);
        if (source == null) {
            problems.error(element, "is required: the absolute path of the image file or block device on dom0");
            return null;
        }
        String problem = Values.pathProblem(source);
        if (!SOURCE_PATH.matcher(source).matches() || problem != null || source.equals("/")) {
            problems.error(element, "'" + source + "' is not a usable dom0 path: an absolute path of letters, digits, "
                    + "'_', '.', '/', '+', '@' or '-', without commas" + Values.reason(problem));
            return null;
        }
        return source;
    }
}
