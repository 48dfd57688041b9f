package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.BlkidCache;
import io.github.xenpv.guestroot.BlockNode;
import io.github.xenpv.guestroot.DeviceNumber;
import io.github.xenpv.guestroot.FstabEntry;
import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.EmulatedDisk;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.Xvd;
import io.github.xenpv.xm.DiskSpec;
import io.github.xenpv.xm.XmValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The xm {@code disk} list, with the guest root's fstab, into the declaration's boot disk, PV
 * disks and their partitions (SPEC §11):
 * <ul>
 * <li>CD-ROM drives, with or without media, are dropped: the plugin's config has none;
 * <li>the boot disk is the emulated hard disk that holds {@code /boot} (or {@code /}) by the
 *     guest's fstab, else the one anaconda installed GRUB on ({@code #boot=} in grub.conf), else
 *     the first one, which the BIOS boots with {@code boot = "c"};
 * <li>every other emulated disk becomes a PV disk, on the next {@code xvd} vdev no disk of the
 *     config has, in order, keeping its source and access; the guest's fstab lines for its
 *     partitions become the PV disk's partitions; a disk that holds an LVM physical volume stays
 *     emulated ({@code <emulatedDisks>}, see {@link LvmUse});
 * <li>a disk that is already PV ({@code xvdX}) stays that vdev; its partitions are the fstab
 *     lines that name it, tied through the guest's {@code /dev} nodes (major 202 and the minor
 *     give the vdev, whatever the node is called) or else through their names; when the plugin
 *     installed them, only the lines of its block count.
 * </ul>
 * The old fstab lines stay in {@code fstabBase}, where the plugin comments out the lines its PV
 * entries replace.
 */
final class DiskImport {

    private static final Pattern EMULATED = Pattern.compile("hd[a-t]|sd[a-z]");
    private static final Pattern BOOTABLE = Pattern.compile("hd[a-d]");
    private static final Pattern DEVICE_NAME = Pattern.compile("/dev/(hd[a-t]|sd[a-z]|xvd[a-z])([0-9]{0,2})");
    private static final Pattern ENTRY_KEY = Pattern.compile("disk\\[([0-9]+)\\]");

    private final String file;
    private final Optional<RootFiles> root;
    private final Notes notes;
    private final Map<FstabEntry, Optional<Tie>> ties = new HashMap<>();

    /** The guest's release when the root or the fleet values say it: RHEL 4 and 5 name a node after its vdev (udev). */
    private final Optional<Release> release;

    DiskImport(String file, Optional<RootFiles> root, Optional<Release> release, Notes notes) {
        this.file = file;
        this.root = root;
        this.release = release;
        this.notes = notes;
    }

    /** One entry of the disk list, numbered from 1 as the report names it. */
    private record Entry(int index, int line, String spec, DiskSpec disk) {

        String key() {
            return "disk[" + index + "]";
        }
    }

    /** A disk the declaration keeps as a PV disk, with its partitions as they are found. */
    private static final class PvDisk {
        final Entry entry;
        final String vdev;
        final boolean migrated;
        final Disk bean = new Disk();
        final List<Partition> partitions = new ArrayList<>();
        final Set<String> nodeNames = new HashSet<>();

        PvDisk(Entry entry, String vdev, boolean migrated) {
            this.entry = entry;
            this.vdev = vdev;
            this.migrated = migrated;
        }
    }

    /** How an fstab line's device names a disk: the disk (hdb, or the vdev xvda) and the partition (0: whole disk). */
    private record Tie(String disk, int partition, String node, String how) {
    }

    /**
     * Reads the {@code disk} value into the guest's boot disk and PV disks. The report lines come
     * entry by entry, then the guest's fstab lines in file order.
     */
    void read(String key, XmValue value, int keyLine, Guest guest) throws IOException {
        int mark = notes.mark();
        readEntries(key, value, keyLine, guest);
        notes.orderFrom(mark, Comparator.comparingInt(DiskImport::entryOrder));
    }

    /** The disk entry a line is about, or after all of them for the guest's fstab lines. */
    private static int entryOrder(ReportLine line) {
        Matcher entry = ENTRY_KEY.matcher(line.key());
        return entry.matches() ? Integer.parseInt(entry.group(1)) : Integer.MAX_VALUE;
    }

    private void readEntries(String key, XmValue value, int keyLine, Guest guest) throws IOException {
        if (!(value instanceof XmValue.Items items)) {
            notes.failed(file + ":" + keyLine, key, value.describe() + " is not a list of strings: xm takes "
                    + "disk = [ \"phy:/dev/...,hda,w\", ... ]; the import never runs a config");
            return;
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            XmValue item = items.items().get(i);
            String itemKey = "disk[" + (i + 1) + "]";
            if (!(item instanceof XmValue.Text text)) {
                notes.failed(file + ":" + item.line(), itemKey, item.describe() + " is not a string");
                continue;
            }
            try {
                entries.add(new Entry(i + 1, item.line(), text.text(), DiskSpec.parse(text.text())));
            } catch (IllegalArgumentException e) {
                notes.failed(file + ":" + item.line(), itemKey, "'" + text.text() + "' " + e.getMessage());
            }
        }
        plan(entries, guest);
    }

    private void plan(List<Entry> entries, Guest guest) throws IOException {
        List<Entry> hardDisks = new ArrayList<>();
        Map<String, Entry> pvByVdev = new LinkedHashMap<>();
        Map<String, Entry> seen = new HashMap<>();
        for (Entry entry : entries) {
            String device = entry.disk().device();
            Entry first = seen.putIfAbsent(device, entry);
            if (first != null) {
                notes.failed(where(entry), entry.key(), "'" + device + "' is also the device of " + first.key()
                        + " (line " + first.line() + "): xend refuses a second disk on one device");
            } else if (entry.disk().cdrom()) {
                notes.dropped(where(entry), entry.key(), "'" + entry.spec() + "': " + (entry.disk().path().isEmpty()
                        ? "an empty CD-ROM drive" : "a CD-ROM drive") + "; the plugin's config has no CD-ROM "
                        + "(attach one when needed: xm block-attach <domain> file:/path.iso " + device + ":cdrom r)");
            } else if (Xvd.letter(device) >= 0) {
                pvByVdev.put(device, entry);
            } else if (EMULATED.matcher(device).matches()) {
                hardDisks.add(entry);
            } else {
                notes.failed(where(entry), entry.key(), "'" + device + "' is not a disk the plugin can declare: "
                        + "an emulated hda..hdd or sda.., or a PV xvda..xvdp (a partition or a numbered device "
                        + "cannot be one)");
            }
        }
        Optional<Entry> boot = bootDisk(hardDisks);
        boot.ifPresentOrElse(entry -> guest.setBootDisk(bootDisk(entry)), () -> noBootDisk(guest, notes, file,
                "no emulated hard disk (hda..hdd) to boot from: fill in the boot image or device in <bootDisk><source>"));
        List<PvDisk> pvDisks = new ArrayList<>();
        List<EmulatedDisk> emulatedDisks = new ArrayList<>();
        Set<String> taken = new HashSet<>(pvByVdev.keySet());
        Optional<LvmUse> lvm = root.isPresent() ? Optional.of(LvmUse.read(root.get())) : Optional.empty();
        char next = 'a';
        for (Entry entry : entries) {
            Optional<String> keep = lvm.flatMap(use -> use.keepsEmulated(entry.disk().device()));
            if (pvByVdev.get(entry.disk().device()) == entry) {
                pvDisks.add(new PvDisk(entry, entry.disk().device(), false));
            } else if (hardDisks.contains(entry) && boot.orElse(null) != entry && keep.isPresent()) {
                emulatedDisks.add(emulatedDisk(entry, emulatedDisks.size() + 1, keep.get()));
            } else if (hardDisks.contains(entry) && boot.orElse(null) != entry) {
                while (taken.contains(Xvd.NAME + next)) {
                    next++;
                }
                String vdev = Xvd.NAME + next;
                taken.add(vdev);
                pvDisks.add(new PvDisk(entry, vdev, true));
            }
        }
        partitions(pvDisks);
        List<Disk> disks = new ArrayList<>();
        for (PvDisk pv : pvDisks) {
            disks.add(pvDisk(pv, disks.size() + 1));
        }
        if (!disks.isEmpty()) {
            guest.setDisks(disks);
        }
        if (!emulatedDisks.isEmpty()) {
            guest.setEmulatedDisks(emulatedDisks);
        }
    }

    /** A data disk that stays emulated, because {@code why}; boot would not find its volume group on a PV disk. */
    private EmulatedDisk emulatedDisk(Entry entry, int position, String why) {
        String element = "emulatedDisks/emulatedDisk[" + position + "]";
        notes.kept(where(entry), entry.key(), "'" + entry.spec() + "' stays emulated (" + element + "), not a PV disk: "
                + why + "; " + lvmAtBoot(release.orElse(Release.RHEL3)));
        EmulatedDisk disk = new EmulatedDisk();
        disk.setSource(source(entry, true, element + "/source").orElse(""));
        disk.setDevice(entry.disk().device());
        disk.setAccess(access(entry));
        common(entry);
        return disk;
    }

    /** Why boot would not find a volume group whose physical volume is on a PV disk, on {@code release}. */
    private static String lvmAtBoot(Release release) {
        Release.BootOrder boot = release.bootOrder();
        if (release == Release.RHEL3) {
            return "RHEL 3 activates volume groups (rc.sysinit's vgscan) before /etc/rc.modules loads the PV drivers, so "
                    + "on a PV disk the group would never be found and its file systems never mount";
        }
        if (boot.lvmBeforeRcModules()) {
            return release.title() + " activates volume groups (rc.sysinit's vgchange -a y, line " + boot.lvm()
                    + ") before /etc/rc.modules (line " + boot.rcModules() + ") loads the PV drivers, so on a PV disk "
                    + "the group would never be found and its file systems never mount";
        }
        return release.title() + " activates volume groups (rc.sysinit's vgchange -a y, line " + boot.lvm()
                + ") after /etc/rc.modules (line " + boot.rcModules() + "), but xen-vbd finds its disks asynchronously "
                + "and the plugin's rc.modules waits only for the nodes of declared file systems, so the group may be "
                + "looked for before its disk appears; and a group holding the root file system is activated in the "
                + "initrd, which has no xen-vbd";
    }

    /** A boot disk with an empty source, for a person to fill in; {@code why} says what to fill in. */
    static void noBootDisk(Guest guest, Notes notes, String file, String why) {
        BootDisk empty = new BootDisk();
        empty.setSource("");
        guest.setBootDisk(empty);
        notes.fillIn(file, "disk", "bootDisk/source", why);
    }

    /** The emulated hard disk that stays emulated, for the BIOS to boot from. */
    private Optional<Entry> bootDisk(List<Entry> hardDisks) throws IOException {
        List<Entry> bootable = hardDisks.stream().filter(entry -> BOOTABLE.matcher(entry.disk().device()).matches()).toList();
        if (bootable.isEmpty()) {
            return Optional.empty();
        }
        if (root.isPresent() && root.get().fstab().isPresent()) {
            for (String mountPoint : List.of("/boot", "/")) {
                for (FstabEntry line : root.get().fstab().get().outside()) {
                    if (!line.mountPoint().equals(mountPoint)) {
                        continue;
                    }
                    Optional<Tie> tie = tie(line);
                    Optional<Entry> holder = tie.flatMap(found -> bootable.stream()
                            .filter(entry -> entry.disk().device().equals(found.disk())).findFirst());
                    if (holder.isPresent()) {
                        notes.kept(where(holder.get()), holder.get().key(), "'" + holder.get().spec() + "' is the boot "
                                + "disk, <bootDisk>: it holds " + mountPoint + " (" + fstabAt(line)
                                + ", " + tie.get().how() + ")");
                        return holder;
                    }
                }
            }
        }
        Optional<Entry> grubDisk = root.flatMap(RootFiles::grubConf).flatMap(grub -> grub.bootDisk()).flatMap(command ->
                bootable.stream().filter(entry -> ("/dev/" + entry.disk().device()).equals(command.value())).findFirst());
        if (grubDisk.isPresent()) {
            notes.kept(where(grubDisk.get()), grubDisk.get().key(), "'" + grubDisk.get().spec() + "' is the boot disk, "
                    + "<bootDisk>: GRUB was installed on it (" + root.get().grubConf().get().where() + ":"
                    + root.get().grubConf().get().bootDisk().get().line() + ")");
            return grubDisk;
        }
        Entry first = bootable.stream().min((a, b) -> a.disk().device().compareTo(b.disk().device())).orElseThrow();
        notes.kept(where(first), first.key(), "'" + first.spec() + "' is the boot disk, <bootDisk>: the first emulated "
                + "hard disk, which the BIOS boots" + (root.isPresent() ? "" : " (no guest root says where /boot is)"));
        return Optional.of(first);
    }

    private BootDisk bootDisk(Entry entry) {
        BootDisk bootDisk = new BootDisk();
        bootDisk.setSource(source(entry, true, "bootDisk/source").orElse(""));
        if (!entry.disk().device().equals("hda")) {
            bootDisk.setDevice(entry.disk().device());
        }
        if (!entry.disk().mode().equals("w")) {
            notes.changed(where(entry), entry.key(), "mode '" + entry.disk().mode() + "' becomes w: the plugin attaches "
                    + "the boot disk read-write");
        }
        common(entry);
        return bootDisk;
    }

    private Disk pvDisk(PvDisk pv, int position) {
        Entry entry = pv.entry;
        Disk disk = pv.bean;
        String element = "disks/disk[" + position + "]";
        if (pv.migrated) {
            notes.changed(where(entry), entry.key(), "'" + entry.spec() + "' becomes PV disk " + pv.vdev + " ("
                    + element + "), source and access kept");
        } else {
            notes.kept(where(entry), entry.key(), "'" + entry.spec() + "' stays PV disk " + pv.vdev + " (" + element + ")");
        }
        disk.setSource(source(entry, false, element + "/source").orElse(""));
        disk.setDevice(pv.vdev);
        disk.setAccess(access(entry));
        Optional<String> node = node(pv).filter(name -> !name.equals(pv.vdev));
        if (node.isPresent() && release.filter(Release::kernel26).isPresent()) {
            notes.changed(where(entry), entry.key(), "the guest calls PV disk " + pv.vdev + " /dev/" + node.get() + ": on "
                    + release.get().title() + " udev names the node after the vdev, /dev/" + pv.vdev
                    + ", and the plugin's fstab entries use that");
        } else {
            node.ifPresent(disk::setNode);
        }
        if (!pv.partitions.isEmpty()) {
            disk.setPartitions(List.copyOf(pv.partitions));
        } else if (root.isEmpty() || root.get().fstab().isEmpty()) {
            notes.check(where(entry), entry.key(), "no guest fstab: the partitions of " + pv.vdev + " are unknown; "
                    + "declare its <partitions>, or import with -Dxenpv.import.root");
        } else {
            notes.check(where(entry), entry.key(), "no fstab line of the guest mounts a partition of " + pv.vdev
                    + " by a name the import can tie to it: declare its <partitions> if it holds file systems "
                    + "(LVM, raw or LABEL= use stays as the guest has it)");
        }
        common(entry);
        return disk;
    }

    /** The {@code <access>} of a data disk: {@code r} stays, {@code w!} becomes w (reported), w is the default (null). */
    private String access(Entry entry) {
        switch (entry.disk().mode()) {
            case "r" -> {
                return "r";
            }
            case "w!" -> notes.changed(where(entry), entry.key(), "mode 'w!' (writable even while another domain "
                    + "writes it) becomes w: xend then refuses to attach it while another running domain has it writable");
            default -> {
                // w is the model's default
            }
        }
        return null;
    }

    private void common(Entry entry) {
        if (entry.disk().ioemu()) {
            notes.changed(where(entry), entry.key(), "the old 'ioemu:' prefix of '" + entry.spec() + "' is dropped: "
                    + "Xen 3.0.3 and later attach emulated disks without it");
        }
        entry.disk().backend().ifPresent(backend -> notes.dropped(where(entry), entry.key(), "backend domain '"
                + backend + "': the plugin's disks are served by dom0"));
    }

    /**
     * The dom0 path the declaration holds for this entry; empty when the plugin cannot attach
     * the disk as it is (a qcow image, a block script), for a person to fill in.
     */
    private Optional<String> source(Entry entry, boolean boot, String element) {
        String type = entry.disk().type();
        String path = entry.disk().path();
        boolean device = path.startsWith("/dev/");
        String written = boot ? (device ? "phy:" : "file:") : (device ? "phy:" : "tap:aio:");
        String spec = "'" + entry.spec() + "'";
        switch (type) {
            case "phy", "file", "tap:aio", "tap2:aio", "tap:sync" -> {
                String given = type + ":";
                if (!given.equals(written)) {
                    notes.changed(where(entry), entry.key(), spec + ": " + given + " becomes " + written + ", as the "
                            + "plugin attaches " + (device ? "a /dev path" : "an image file") + (boot
                            ? " on the emulated boot disk (qemu-dm reads it)" : " on a PV disk (blktap's aio driver, "
                            + "procedure step 6)"));
                }
                return Optional.of(path);
            }
            default -> {
                boolean image = type.startsWith("tap");
                String why = image
                        ? spec + " is a " + type.substring(type.indexOf(':') + 1) + " image; the plugin attaches "
                                + "images as raw (" + written + "), which would show the guest the container, not its "
                                + "disk: convert it (qemu-img convert -O raw " + path + " " + path + ".raw) and fill in "
                                + "the raw image"
                        : spec + " is attached by xend's block-" + type + " script; the plugin attaches a /dev path "
                                + "(phy:) or an image file: fill in the /dev path of the device";
                notes.fillIn(where(entry), entry.key(), element, why);
                return Optional.empty();
            }
        }
    }

    /** Ties the guest's fstab lines to the PV disks: their partitions. */
    private void partitions(List<PvDisk> pvDisks) throws IOException {
        if (root.isEmpty() || root.get().fstab().isEmpty()) {
            return;
        }
        RootFiles.Fstab fstab = root.get().fstab().get();
        Map<String, PvDisk> migrated = new HashMap<>();
        Map<String, PvDisk> byVdev = new HashMap<>();
        for (PvDisk pv : pvDisks) {
            if (pv.migrated) {
                migrated.put(pv.entry.disk().device(), pv);
            } else {
                byVdev.put(pv.vdev, pv);
            }
        }
        for (FstabEntry line : fstab.outside()) {
            Optional<Tie> tie = tie(line);
            if (tie.isEmpty()) {
                untied(line);
            } else if (migrated.containsKey(tie.get().disk())) {
                partition(migrated.get(tie.get().disk()), line, tie.get(), true);
            } else if (!fstab.block().present() && Xvd.letter(tie.get().disk()) >= 0) {
                pvLine(byVdev, line, tie.get());
            }
        }
        for (FstabEntry line : fstab.inside()) {
            Optional<Tie> tie = tie(line);
            if (tie.isPresent() && Xvd.letter(tie.get().disk()) >= 0) {
                pvLine(byVdev, line, tie.get());
            }
        }
    }

    private void pvLine(Map<String, PvDisk> byVdev, FstabEntry line, Tie tie) {
        PvDisk pv = byVdev.get(tie.disk());
        if (pv == null) {
            notes.check(fstabAt(line), line.device(), "names PV disk " + tie.disk() + " (" + tie.how() + "), which "
                    + "the config has no disk for: the line stays in fstabBase");
            return;
        }
        partition(pv, line, tie, false);
    }

    private void partition(PvDisk pv, FstabEntry line, Tie tie, boolean fromEmulated) {
        if (tie.partition() == 0) {
            notes.check(fstabAt(line), line.device(), "a file system on the whole disk " + tie.disk() + ", not on a "
                    + "partition: the plugin declares partitions only; the line stays in fstabBase");
            return;
        }
        if (tie.partition() > Xvd.MAX_PARTITION) {
            notes.check(fstabAt(line), line.device(), "partition " + tie.partition() + " cannot be on a PV disk: a 2.4 "
                    + "kernel has 15 per disk (16 minors); the line stays in fstabBase");
            return;
        }
        Partition partition = new Partition();
        partition.setNumber(Integer.toString(tie.partition()));
        partition.setMountPoint(line.mountPoint());
        partition.setFsType(line.type());
        partition.setOptions(line.options() == null ? "defaults" : line.options());
        partition.setDump(line.dump() == null ? "0" : line.dump());
        String pass = line.pass() == null ? "0" : line.pass();
        // SPEC §16: a PV file system is checked at boot only when the user asks.
        boolean unchecked = fromEmulated && !pass.equals("0") && !"swap".equals(line.mountPoint());
        partition.setPass(unchecked ? "0" : pass);
        pv.partitions.add(partition);
        if (tie.node() != null && !fromEmulated) {
            String diskNode = tie.node().replaceFirst("[0-9]+$", "");
            if (Xvd.letter(diskNode) >= 0) {
                pv.nodeNames.add(diskNode);
            }
        }
        String what = "partition " + tie.partition() + " of PV disk " + pv.vdev + " (" + tie.how() + ")";
        if (fromEmulated) {
            boolean swap = "swap".equals(line.mountPoint());
            notes.changed(fstabAt(line), line.device(), "becomes " + what + "; the old line stays in fstabBase, "
                    + (swap ? "still active (the plugin comments out lines that name a PV device or mount point, and "
                            + "every swap line's mount point is swap): remove it after the move"
                            : "where the plugin comments it out"));
            if (unchecked) {
                notes.changed(fstabAt(line), line.device(), "fsck pass " + pass + " becomes 0 on the PV disk: on a boot "
                        + "where xen-vbd does not load, boot's fsck -A would stop the guest in the maintenance shell "
                        + "(declare <pass>" + pass + "</pass> to check it anyway)");
            }
        } else {
            notes.kept(fstabAt(line), line.device(), "is " + what);
        }
    }

    private void untied(FstabEntry line) {
        boolean tagged = line.device().startsWith("LABEL=") || line.device().startsWith("UUID=");
        if (tagged && !line.mountPoint().equals("/") && !line.mountPoint().equals("/boot")) {
            notes.check(fstabAt(line), line.device(), "cannot be tied to a disk (no /etc/blkid.tab entry names it): "
                    + "it stays in fstabBase as it is; if " + line.mountPoint() + " is on a disk that becomes PV, "
                    + "declare it as a <partition> of that disk");
        }
    }

    /** The guest's {@code /dev} name of a PV disk: its whole-disk node, else what its partitions' nodes say. */
    private Optional<String> node(PvDisk pv) {
        if (pv.migrated || root.isEmpty()) {
            return Optional.empty();
        }
        int letter = Xvd.letter(pv.vdev);
        List<String> wholeDisk = root.get().pvNodes().stream()
                .filter(node -> node.number().minor() == letter * Xvd.MINORS_PER_DISK).map(BlockNode::name).toList();
        if (wholeDisk.contains(pv.vdev)) {
            return Optional.of(pv.vdev);
        }
        if (!wholeDisk.isEmpty()) {
            if (wholeDisk.size() > 1) {
                notes.check(where(pv.entry), pv.entry.key(), "several /dev nodes are PV disk " + pv.vdev + " (" + String
                        .join(", ", wholeDisk) + "): the declaration names it " + wholeDisk.get(0));
            }
            return Optional.of(wholeDisk.get(0));
        }
        if (pv.nodeNames.size() == 1) {
            return Optional.of(pv.nodeNames.iterator().next());
        }
        return Optional.empty();
    }

    /** The line's tie, looked up once: the boot disk's choice and the partitions read the same lines. */
    private Optional<Tie> tie(FstabEntry line) throws IOException {
        Optional<Tie> tie = ties.get(line);
        if (tie == null) {
            tie = lookUpTie(line);
            ties.put(line, tie);
        }
        return tie;
    }

    /** How the line's device names a disk, through the blkid cache and the guest's {@code /dev} node, else by its name. */
    private Optional<Tie> lookUpTie(FstabEntry line) throws IOException {
        String device = line.device();
        String how = "";
        if (device.startsWith("LABEL=") || device.startsWith("UUID=")) {
            Optional<BlkidCache.Tied> tied = root.get().blkid().device(device);
            if (tied.isEmpty()) {
                return Optional.empty();
            }
            device = tied.get().device();
            how = "through " + tied.get().where() + ", " + device + ", ";
        }
        if (!device.startsWith("/dev/")) {
            return Optional.empty();
        }
        Optional<DeviceNumber> number = root.get().root().blockDevice(device);
        if (number.isPresent() && number.get().major() == Xvd.MAJOR) {
            int minor = number.get().minor();
            return Optional.of(new Tie(Xvd.NAME + (char) ('a' + minor / Xvd.MINORS_PER_DISK), minor % Xvd.MINORS_PER_DISK,
                    device.substring("/dev/".length()), how + "through its node " + device + ", " + Xvd.MAJOR
                            + ":" + minor));
        }
        Matcher name = DEVICE_NAME.matcher(device);
        if (!name.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Tie(name.group(1), name.group(2).isEmpty() ? 0 : Integer.parseInt(name.group(2)),
                device.substring("/dev/".length()), how + "by its name"));
    }

    private String fstabAt(FstabEntry line) {
        return root.get().fstab().get().file().at(line.line());
    }

    private String where(Entry entry) {
        return file + ":" + entry.line();
    }
}
