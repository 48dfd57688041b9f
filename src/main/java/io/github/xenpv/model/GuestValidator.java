package io.github.xenpv.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks guest declarations against every rule of the product (SPEC §4, §6) and turns them into
 * {@link ValidGuest}s with their defaults and derived values. Every problem of every guest is
 * collected, each at the path of the POM element that holds the bad value.
 *
 * <p>The rules only let through characters that are inert where the value lands: no quotes, no
 * white space, no {@code $}, no backquotes, no newlines in anything that reaches a shell script,
 * an fstab field or the xm config.
 */
public final class GuestValidator {

    /** RHEL 3 Update 9, the first kernel the PV drivers support. */
    static final int FIRST_SUPPORTED_KERNEL_BUILD = 50;

    /** Xen's own prefix for MACs of virtual NICs: derived MACs stay inside it. */
    static final String XEN_MAC_PREFIX = "00:16:3e";

    static final int MAX_PV_DISKS = 16;
    static final int MAX_PARTITION = ValidDisk.MINORS_PER_DISK - 1;

    /** RHEL 3's stock fstab on the emulated IDE disk, the default of {@code <fstabBase>}. */
    public static final List<String> STOCK_FSTAB = List.of(
            "LABEL=/ / ext3 defaults 1 1",
            "LABEL=/boot /boot ext3 defaults 1 2",
            "none /dev/pts devpts gid=5,mode=620 0 0",
            "none /proc proc defaults 0 0",
            "none /dev/shm tmpfs defaults 0 0",
            "/dev/hda3 swap swap defaults 0 0");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern KERNEL = Pattern.compile("2\\.4\\.21-([0-9]{1,4})\\.EL");
    private static final Pattern KERNEL_WITH_VARIANT = Pattern.compile("2\\.4\\.21-[0-9]{1,4}\\.EL(smp|hugemem)");
    private static final Pattern DRIVER_RELEASE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    private static final Pattern DRIVER_RPM = Pattern.compile("[A-Za-z0-9_.*+-]{1,128}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOM0_RELEASE = Pattern.compile("([0-9]{1,2})\\.([0-9]{1,2})");
    private static final Pattern SOURCE_PATH = Pattern.compile("/[A-Za-z0-9_./+@-]{0,1023}");
    private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9_./+-]{0,1023}");
    private static final Pattern BOOT_DEVICE = Pattern.compile("hd[a-d]");
    private static final Pattern XVD = Pattern.compile("xvd([a-z])");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern MOUNT_OPTIONS = Pattern.compile("[A-Za-z0-9_=.-]+(,[A-Za-z0-9_=.-]+)*");
    /** GRUB legacy skips blanks and '=' after "title" (skip_to(1, ...) in stage2.c): a title cannot start with '='. */
    private static final Pattern GRUB_TITLE = Pattern.compile("[\\x20-\\x7e&&[^=]][\\x20-\\x7e]{0,199}");
    private static final Pattern GRUB_ROOT = Pattern.compile("\\(hd[0-9]{1,2}(,[0-9]{1,2})?\\)");
    private static final Pattern ROOT_DEVICE = Pattern.compile("[A-Za-z0-9_=./:-]{1,255}");
    private static final Pattern KERNEL_ARGS = Pattern.compile("[A-Za-z0-9_=.,:/-]+( +[A-Za-z0-9_=.,:/-]+)*");
    private static final Pattern CONFIG_LINE = Pattern.compile("[\\t\\x20-\\x7e]{0,1024}");
    private static final Pattern FSTAB_FIELD = Pattern.compile("[A-Za-z0-9_=./:,@+-]+");
    private static final Pattern MODULES_ALIAS = Pattern.compile("\\s*alias\\s+(\\S+)(\\s.*)?");
    /** The BEGIN/END lines of {@link ValidGuest#blockBegin()} and {@link ValidGuest#blockEnd()}, any guest. */
    private static final Pattern BLOCK_MARKER = Pattern.compile("#\\s*(BEGIN|END)\\s+xenpv-maven-plugin\\b.*");
    private static final Pattern EXTRA_KEY = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final Pattern EXTRA_INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern EXTRA_STRING = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{0,1024}");

    /** Python keywords: as an xm key they would make the config a syntax error. */
    private static final Set<String> PYTHON_KEYWORDS = Set.of("and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "exec", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try",
            "while", "with", "yield", "match", "case", "type");

    /** Marks a base line the plugin turned into a comment because a PV entry replaces it. */
    public static final String REPLACED_MARK = "#xenpv-replaced# ";

    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private GuestValidator() {
    }

    /** Checks every guest; the result holds the checked guests only when there is no error. */
    public static Validation validate(List<Guest> guests) {
        GuestValidator validator = new GuestValidator();
        List<ValidGuest> valid = validator.guests(guests);
        return new Validation(validator.errors.isEmpty() ? valid : List.of(), validator.errors, validator.warnings);
    }

    private List<ValidGuest> guests(List<Guest> guests) {
        List<ValidGuest> valid = new ArrayList<>();
        if (guests == null || guests.isEmpty()) {
            error("guests", "at least one <guest> is required");
            return valid;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> macs = new HashMap<>();
        Map<String, String> uuids = new HashMap<>();
        Map<String, SourceUse> sharedSources = new HashMap<>();
        for (int i = 0; i < guests.size(); i++) {
            Guest guest = guests.get(i);
            String path = "guests/guest[" + label(guest, i) + "]";
            if (guest == null) {
                error(path, "is empty");
                continue;
            }
            GuestCheck check = new GuestCheck(path, guest);
            ValidGuest checked = check.check();
            // Clashes between guests are found from whatever part of this guest checked out, so a
            // guest with another mistake still gets its clashes reported in the same run.
            if (check.name != null) {
                unique(names, check.name, path + "/name", "another guest has the same name; it names the file /etc/xen/<name>");
            }
            for (ValidNetwork network : check.networks) {
                String networkPath = path + "/networks/network[" + (network.index() + 1) + "]/mac";
                unique(macs, network.mac(), networkPath, network.macDerived()
                        ? "the derived MAC is already used; declare <mac> for this network"
                        : "the MAC is already used; two NICs on one bridge must not share it");
            }
            if (check.uuid != null) {
                unique(uuids, check.uuid, path + "/uuid", "xm refuses to start a second domain with the same UUID");
            }
            sources(check.bootDisk, check.disks, path, sharedSources);
            if (checked != null) {
                valid.add(checked);
            }
        }
        return valid;
    }

    /**
     * Two guests writing one image or device corrupt its file systems: a source this guest writes
     * (the boot disk always, a PV disk with access w) must not appear in another guest, and a
     * source another guest writes must not appear here. Read-only sharing stays allowed.
     */
    private void sources(ValidBootDisk bootDisk, List<ValidDisk> disks, String path, Map<String, SourceUse> seen) {
        Map<String, SourceUse> uses = new LinkedHashMap<>();
        if (bootDisk != null) {
            uses.put(bootDisk.source(), new SourceUse(path + "/bootDisk/source", true));
        }
        for (ValidDisk disk : disks) {
            uses.putIfAbsent(disk.source(), new SourceUse(path + "/disks/disk[" + (disk.index() + 1) + "]/source",
                    disk.access().equals("w")));
        }
        uses.forEach((source, use) -> {
            SourceUse other = seen.get(source);
            if (other != null && (use.writable() || other.writable())) {
                error(use.element(), "'" + source + "' is also used by " + other.element() + ": two guests writing one "
                        + "image or device corrupt its file systems; only read-only (access r) sharing is allowed");
            }
            if (other == null || use.writable() && !other.writable()) {
                seen.put(source, use);
            }
        });
    }

    /** Where a guest uses a disk source, and whether it writes to it. */
    private record SourceUse(String element, boolean writable) {
    }

    private static String label(Guest guest, int index) {
        String name = guest == null ? null : text(guest.getName());
        return name != null && NAME.matcher(name).matches() ? name : Integer.toString(index + 1);
    }

    /** Records {@code value} under {@code path}, or reports it as taken with the first path that took it. */
    private void unique(Map<String, String> seen, String value, String path, String why) {
        String first = seen.putIfAbsent(value, path);
        if (first != null) {
            error(path, "'" + value + "' is also at " + first + ": " + why);
        }
    }

    private void error(String path, String message) {
        errors.add(new Problem(path, message));
    }

    private void warning(String path, String message) {
        warnings.add(new Problem(path, message));
    }

    /** The trimmed text, or {@code null} when the element is absent or empty. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** Checks of one guest; returns {@code null} from {@link #check()} when anything in it is wrong. */
    private final class GuestCheck {
        private final String path;
        private final Guest guest;
        private final int errorsBefore = errors.size();

        /** What other guests must not share, as far as it checked out (null or empty otherwise). */
        private String name;
        private String uuid;
        private ValidBootDisk bootDisk;
        private List<ValidNetwork> networks = List.of();
        private List<ValidDisk> disks = List.of();

        GuestCheck(String path, Guest guest) {
            this.path = path;
            this.guest = guest;
        }

        ValidGuest check() {
            name = required("name", guest.getName(), NAME,
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit; "
                            + "it names the Xen domain and /etc/xen/<name>");
            Arch arch = arch();
            String kernel = kernel();
            KernelVariant variant = choice("kernelVariant", guest.getKernelVariant(), KernelVariant.class,
                    KernelVariant.UP, "the kernel flavour: empty (uniprocessor), smp or hugemem");
            if (variant == KernelVariant.HUGEMEM && arch != null && arch != Arch.I686) {
                error(path + "/kernelVariant", "'hugemem' is built only for i686, not for '" + arch + "'");
            }
            String driverRelease = required("driverRelease", guest.getDriverRelease(), DRIVER_RELEASE,
                    "must be the kmod-xenpv %release, e.g. 0.1-5.el: letters, digits, '.', '_', '+' or '-'");
            if (driverRelease != null && driverRelease.contains("..")) {
                error(path + "/driverRelease", "'" + driverRelease + "' must not contain '..': it names a folder");
                driverRelease = null;
            }
            String driverRpm = optional("driverRpm", guest.getDriverRpm(), DRIVER_RPM, "kmod-xenpv*.rpm",
                    "must be a file name or glob of letters, digits, '_', '.', '*', '+' or '-'");
            if (".".equals(driverRpm) || "..".equals(driverRpm)) {
                error(path + "/driverRpm", "'" + driverRpm + "' is not a file name");
            } else if (driverRpm != null && driverRpm.startsWith("-")) {
                error(path + "/driverRpm", "'" + driverRpm + "' starts with '-': rpm would read it as an option");
            }
            int memory = number(path + "/memory", guest.getMemory(), 512, 32, 1024 * 1024, "MiB of guest memory");
            int vcpus = number(path + "/vcpus", guest.getVcpus(), 1, 1, 32, "virtual CPUs");
            String declaredUuid = optional("uuid", guest.getUuid(), UUID, null,
                    "must be a UUID in RFC 4122 text form, e.g. 6ba7b810-9dad-11d1-80b4-00c04fd430c8");
            uuid = declaredUuid == null ? null : declaredUuid.toLowerCase(Locale.ROOT);
            Dom0Arch dom0Arch = choice("dom0Arch", guest.getDom0Arch(), Dom0Arch.class, Dom0Arch.X86_64,
                    "the host's architecture: x86_64 or i386");
            boolean noapic = flag("noapic", guest.getNoapic(), true);
            String dom0Release = dom0Release(noapic);
            ModuleLoading loading = choice("moduleLoading", guest.getModuleLoading(), ModuleLoading.class,
                    ModuleLoading.RC_MODULES, "where boot loads the PV block driver: rc.modules or rc.local");
            bootDisk = bootDisk();
            networks = networks(name);
            disks = disks(bootDisk, loading);
            GrubEntry grub = grub(kernel == null || variant == null ? null : kernel + variant.suffix(), noapic);
            List<String> fstabBase = fstabBase(disks);
            List<String> modulesConfBase = modulesConfBase(networks);
            List<XmSetting> extraConfig = extraConfig();
            if (errors.size() > errorsBefore) {
                return null;
            }
            return new ValidGuest(name, arch, kernel, variant, driverRelease, driverRpm, memory, vcpus, uuid, dom0Arch,
                    dom0Release, noapic, loading,
                    bootDisk, networks, disks, grub, fstabBase, modulesConfBase, extraConfig);
        }

        private Arch arch() {
            String value = text(guest.getArch());
            if ("ia64".equals(value)) {
                error(path + "/arch", "'ia64' is not supported: Itanium binary RPMs and builds of the PV drivers "
                        + "are not available");
                return null;
            }
            if (value == null) {
                error(path + "/arch", "is required: the guest kernel's architecture, one of i686, athlon, ia32e, x86_64");
                return null;
            }
            return choice("arch", value, Arch.class, null, "the guest kernel's architecture: i686, athlon, ia32e or x86_64");
        }

        private String kernel() {
            String value = text(guest.getKernel());
            String element = path + "/kernel";
            if (value == null) {
                error(element, "is required: the guest's RHEL 3 kernel release, e.g. 2.4.21-52.EL");
                return null;
            }
            Matcher variant = KERNEL_WITH_VARIANT.matcher(value);
            if (variant.matches()) {
                error(element, "'" + value + "' includes the variant: write <kernel>"
                        + value.substring(0, value.length() - variant.group(1).length()) + "</kernel> and <kernelVariant>"
                        + variant.group(1) + "</kernelVariant>");
                return null;
            }
            Matcher release = KERNEL.matcher(value);
            if (!release.matches()) {
                error(element, "'" + value + "' is not a RHEL 3 kernel release: expected 2.4.21-<build>.EL, e.g. 2.4.21-52.EL");
                return null;
            }
            if (Integer.parseInt(release.group(1)) < FIRST_SUPPORTED_KERNEL_BUILD) {
                warning(element, "'" + value + "' is older than RHEL 3 Update 9 (2.4.21-50.EL): the PV drivers "
                        + "need Update 9 or later");
            }
            return value;
        }

        private String dom0Release(boolean noapic) {
            String value = optional("dom0Release", guest.getDom0Release(), DOM0_RELEASE, null,
                    "must be the host's RHEL release as <major>.<minor>, e.g. 5.1");
            if (value != null) {
                Matcher release = DOM0_RELEASE.matcher(value);
                release.matches();
                int major = Integer.parseInt(release.group(1));
                int minor = Integer.parseInt(release.group(2));
                String element = path + "/dom0Release";
                if (major < 5 || (major == 5 && minor < 1)) {
                    warning(element, "'" + value + "': PV drivers for HVM guests need a RHEL 5.1 or later host");
                } else if (noapic && (major > 5 || minor >= 2)) {
                    warning(path + "/noapic", "a RHEL " + value + " host does not need noapic on the guest kernel line; "
                            + "set <noapic>false</noapic> to leave it out");
                }
            }
            return value;
        }

        private ValidBootDisk bootDisk() {
            BootDisk declared = guest.getBootDisk();
            String element = path + "/bootDisk";
            if (declared == null) {
                error(element, "is required: the emulated IDE disk the guest boots from, with its <source>");
                return null;
            }
            String source = sourcePath(element + "/source", declared.getSource());
            String device = text(declared.getDevice());
            if (device == null) {
                device = "hda";
            } else if (XVD.matcher(device).matches()) {
                error(element + "/device", "'" + device + "' is a PV device, and PV disks cannot boot: "
                        + "the guest boots from an emulated IDE disk, hda..hdd");
                device = null;
            } else if (!BOOT_DEVICE.matcher(device).matches()) {
                error(element + "/device", "'" + device + "' is not an emulated IDE disk: expected hda, hdb, hdc or hdd");
                device = null;
            }
            return source == null || device == null ? null : new ValidBootDisk(source, device);
        }

        private List<ValidNetwork> networks(String guestName) {
            List<Network> declared = guest.getNetworks();
            if (declared == null) {
                declared = List.of(new Network());
            }
            List<ValidNetwork> networks = new ArrayList<>();
            for (int i = 0; i < declared.size(); i++) {
                Network network = declared.get(i) == null ? new Network() : declared.get(i);
                String element = path + "/networks/network[" + (i + 1) + "]";
                String mac = text(network.getMac());
                boolean derived = mac == null;
                if (derived) {
                    mac = guestName == null ? null : derivedMac(guestName, i);
                } else if (!MAC.matcher(mac).matches()) {
                    error(element + "/mac", "'" + mac + "' is not a MAC address: expected six hex pairs like 00:16:3e:5d:c7:9e");
                    mac = null;
                } else if (mac.replace(":", "").matches("0+")) {
                    error(element + "/mac", "'" + mac + "' is the all-zero address, which no NIC may use");
                    mac = null;
                } else if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
                    error(element + "/mac", "'" + mac + "' is a multicast address: a NIC needs a unicast MAC "
                            + "(the first byte's lowest bit clear)");
                    mac = null;
                }
                String bridge = optional("networks/network[" + (i + 1) + "]/bridge", network.getBridge(), BRIDGE,
                        "xenbr0", "must be a Linux bridge name: 1 to 15 letters, digits, '_', '.' or '-'");
                if (".".equals(bridge) || "..".equals(bridge)) {
                    error(element + "/bridge", "'" + bridge + "' is not a bridge name: Linux refuses '.' and '..' "
                            + "as interface names");
                    bridge = null;
                }
                if (mac != null && bridge != null) {
                    networks.add(new ValidNetwork(i, mac.toLowerCase(Locale.ROOT), derived, bridge));
                }
            }
            return networks;
        }

        private List<ValidDisk> disks(ValidBootDisk bootDisk, ModuleLoading loading) {
            List<Disk> declared = guest.getDisks() == null ? List.of() : guest.getDisks();
            if (declared.size() > MAX_PV_DISKS) {
                error(path + "/disks", declared.size() + " disks declared: a 2.4 guest has at most " + MAX_PV_DISKS
                        + " PV disks, xvda..xvdp (8-bit minors, 16 per disk)");
            }
            Map<String, String> sources = new HashMap<>();
            if (bootDisk != null) {
                sources.put(bootDisk.source(), path + "/bootDisk/source");
            }
            Map<String, String> devices = new HashMap<>();
            Map<String, String> nodes = new HashMap<>();
            Map<String, String> mountPoints = new HashMap<>();
            List<ValidDisk> disks = new ArrayList<>();
            for (int i = 0; i < declared.size(); i++) {
                String element = path + "/disks/disk[" + (i + 1) + "]";
                Disk disk = declared.get(i);
                if (disk == null) {
                    error(element, "is empty: a PV disk needs <source> and <device>");
                    continue;
                }
                String source = sourcePath(element + "/source", disk.getSource());
                if (source != null) {
                    unique(sources, source, element + "/source", "one image or device can back only one disk");
                }
                Integer letter = xvdLetter(element + "/device", text(disk.getDevice()), true);
                String device = letter == null ? null : text(disk.getDevice());
                if (device != null) {
                    unique(devices, device, element + "/device", "each PV disk needs its own Xen vdev");
                }
                String nodeName = text(disk.getNode()) == null ? device : text(disk.getNode());
                if (text(disk.getNode()) != null && xvdLetter(element + "/node", nodeName, false) == null) {
                    nodeName = null;
                }
                if (nodeName != null) {
                    unique(nodes, nodeName, element + "/node", "each PV disk needs its own /dev node");
                }
                String access = text(disk.getAccess()) == null ? "w" : text(disk.getAccess());
                if (!access.equals("w") && !access.equals("r")) {
                    error(element + "/access", "'" + access + "' is not an access mode: expected w (read-write) or r (read-only)");
                }
                List<ValidPartition> partitions = partitions(element, disk, letter, nodeName, mountPoints, loading);
                if (source != null && letter != null && nodeName != null) {
                    int base = letter * ValidDisk.MINORS_PER_DISK;
                    disks.add(new ValidDisk(i, source, device, new DeviceNode(nodeName, base), access, partitions));
                }
            }
            return disks;
        }

        /** The index of the vdev letter (xvda = 0), or {@code null} after reporting why it is not one. */
        private Integer xvdLetter(String element, String value, boolean isVdev) {
            if (value == null) {
                error(element, "is required: the PV disk's Xen virtual device, xvda..xvdp");
                return null;
            }
            Matcher xvd = XVD.matcher(value);
            if (!xvd.matches()) {
                String hint = value.startsWith("hd") || value.startsWith("sd")
                        ? ": PV disks are xvd devices; " + value + " would be an emulated disk"
                        : "";
                error(element, "'" + value + "' is not a Xen virtual disk name, xvd<letter>" + hint);
                return null;
            }
            int letter = xvd.group(1).charAt(0) - 'a';
            if (isVdev && letter >= MAX_PV_DISKS) {
                error(element, "'" + value + "' is out of range: a 2.4 guest has 16 PV disks, xvda..xvdp "
                        + "(8-bit minors, 16 per disk)");
                return null;
            }
            return letter;
        }

        private List<ValidPartition> partitions(String diskElement, Disk disk, Integer letter, String nodeName,
                Map<String, String> mountPoints, ModuleLoading loading) {
            List<Partition> declared = disk.getPartitions() == null ? List.of() : disk.getPartitions();
            Set<Integer> numbers = new HashSet<>();
            List<ValidPartition> partitions = new ArrayList<>();
            for (int i = 0; i < declared.size(); i++) {
                String element = diskElement + "/partitions/partition[" + (i + 1) + "]";
                Partition partition = declared.get(i);
                if (partition == null) {
                    error(element, "is empty: a partition needs <number> and <mountPoint>");
                    continue;
                }
                Integer number = partitionNumber(element + "/number", partition.getNumber());
                if (number != null && !numbers.add(number)) {
                    error(element + "/number", "'" + number + "' is declared twice on this disk");
                }
                String mountPoint = mountPoint(element + "/mountPoint", partition.getMountPoint());
                boolean swap = ValidPartition.SWAP.equals(mountPoint);
                if (mountPoint != null && !swap) {
                    unique(mountPoints, mountPoint, element + "/mountPoint", "two file systems cannot share a mount point");
                }
                String fsType = text(partition.getFsType());
                if (fsType == null) {
                    fsType = swap ? ValidPartition.SWAP : "ext3";
                } else if (!fsType.equals("ext2") && !fsType.equals("ext3") && !fsType.equals(ValidPartition.SWAP)) {
                    error(element + "/fsType", "'" + fsType + "' is not a file system RHEL 3 mounts here: expected ext2, ext3 or swap");
                } else if (mountPoint != null && swap != fsType.equals(ValidPartition.SWAP)) {
                    error(element + "/fsType", "'" + fsType + "' does not fit mount point '" + mountPoint
                            + "': swap goes with mount point swap and only there");
                }
                String options = text(partition.getOptions()) == null ? "defaults" : text(partition.getOptions());
                if (!MOUNT_OPTIONS.matcher(options).matches()) {
                    error(element + "/options", "'" + options + "' is not a mount option list: comma-separated words of "
                            + "letters, digits, '_', '=', '.' or '-', without spaces");
                }
                int dump = number(element + "/dump", partition.getDump(), swap ? 0 : 1, 0, 1, "the dump flag");
                int pass = number(element + "/pass", partition.getPass(), swap ? 0 : 2, 0, 2, "the fsck pass");
                if (loading == ModuleLoading.RC_LOCAL && mountPoint != null) {
                    bootOrder(element, pass, options);
                }
                if (number != null && letter != null && nodeName != null && mountPoint != null) {
                    DeviceNode node = new DeviceNode(nodeName + number, letter * ValidDisk.MINORS_PER_DISK + number);
                    partitions.add(new ValidPartition(number, node, mountPoint, fsType, options, dump, pass));
                }
            }
            return partitions;
        }

        /** rc.sysinit checks and mounts fstab entries before rc.local runs: they must wait for it. */
        private void bootOrder(String element, int pass, String options) {
            if (pass != 0) {
                error(element + "/pass", "'" + pass + "' makes boot fsck this PV partition before rc.local loads "
                        + "xen-vbd, so boot stops in a maintenance shell: use <pass>0</pass> with <moduleLoading>rc.local"
                        + "</moduleLoading>, or the default rc.modules");
            }
            if (!List.of(options.split(",")).contains("noauto")) {
                error(element + "/options", "'" + options + "' lacks noauto: boot mounts fstab entries before rc.local "
                        + "loads xen-vbd; add noauto with <moduleLoading>rc.local</moduleLoading>, or use the default rc.modules");
            }
        }

        private Integer partitionNumber(String element, String value) {
            String number = text(value);
            if (number == null) {
                error(element, "is required: the partition number, 1.." + MAX_PARTITION);
                return null;
            }
            if (!number.matches("[0-9]{1,4}") || Integer.parseInt(number) < 1 || Integer.parseInt(number) > MAX_PARTITION) {
                error(element, "'" + number + "' is out of range: a 2.4 PV disk has partitions 1.." + MAX_PARTITION
                        + " (16 minors per disk, minor 0 is the whole disk)");
                return null;
            }
            return Integer.parseInt(number);
        }

        private String mountPoint(String element, String value) {
            String mountPoint = text(value);
            if (mountPoint == null) {
                error(element, "is required: an absolute path such as /mnt/data, or swap");
                return null;
            }
            if (ValidPartition.SWAP.equals(mountPoint)) {
                return mountPoint;
            }
            if (!MOUNT_PATH.matcher(mountPoint).matches() || pathProblem(mountPoint) != null) {
                error(element, "'" + mountPoint + "' is not a mount point: an absolute path of letters, digits, '_', "
                        + "'.', '/', '+' or '-'" + reason(pathProblem(mountPoint)) + ", or swap");
                return null;
            }
            if (mountPoint.equals("/")) {
                error(element, "'/' cannot be on a PV disk: the guest boots from its emulated disk, and the root "
                        + "file system must be there");
                return null;
            }
            if (mountPoint.equals("/boot") || mountPoint.startsWith("/boot/")) {
                error(element, "'" + mountPoint + "' cannot be on a PV disk: PV disks cannot boot, so /boot and "
                        + "anything under it stay on the emulated disk");
                return null;
            }
            return mountPoint;
        }

        private String sourcePath(String element, String value) {
            String source = text(value);
            if (source == null) {
                error(element, "is required: the absolute path of the image file or block device on dom0");
                return null;
            }
            if (!SOURCE_PATH.matcher(source).matches() || pathProblem(source) != null || source.equals("/")) {
                error(element, "'" + source + "' is not a usable dom0 path: an absolute path of letters, digits, '_', "
                        + "'.', '/', '+', '@' or '-', without commas" + reason(pathProblem(source)));
                return null;
            }
            return source;
        }

        private GrubEntry grub(String kernelRelease, boolean noapic) {
            Grub declared = guest.getGrub() == null ? new Grub() : guest.getGrub();
            String title = optional("grub/title", declared.getTitle(), GRUB_TITLE,
                    kernelRelease == null ? null : "Red Hat Enterprise Linux (" + kernelRelease + ")",
                    "must be one line of printable ASCII, at most 200 characters, not starting with '=' (GRUB drops a "
                            + "leading '=' from a title)");
            String root = optional("grub/root", declared.getRoot(), GRUB_ROOT, "(hd0,0)",
                    "must be a GRUB device such as (hd0,0)");
            String rootDevice = optional("grub/rootDevice", declared.getRootDevice(), ROOT_DEVICE, "LABEL=/",
                    "must be the root= argument, e.g. LABEL=/ or /dev/hda2: letters, digits, '_', '=', '.', '/', ':' or '-'");
            boolean separateBoot = flag("grub/separateBoot", declared.getSeparateBoot(), true);
            String args = optional("grub/kernelArgs", declared.getKernelArgs(), KERNEL_ARGS, "",
                    "must be kernel arguments separated by spaces, each of letters, digits, '_', '=', '.', ',', ':', '/' or '-'");
            if (kernelRelease == null || title == null || root == null || rootDevice == null || args == null) {
                return null;
            }
            List<String> kernelArgs = new ArrayList<>(List.of("ro", "root=" + rootDevice));
            for (String arg : args.isEmpty() ? new String[0] : args.split(" +")) {
                if (!kernelArgs.contains(arg)) {
                    kernelArgs.add(arg);
                }
            }
            if (noapic && !kernelArgs.contains("noapic")) {
                kernelArgs.add("noapic");
            }
            String prefix = separateBoot ? "/" : "/boot/";
            return new GrubEntry(title, root, prefix + "vmlinuz-" + kernelRelease, prefix + "initrd-" + kernelRelease + ".img",
                    kernelArgs);
        }

        /** The base fstab lines, with any line for a PV entry's device or mount point commented out. */
        private List<String> fstabBase(List<ValidDisk> disks) {
            List<String> declared = guest.getFstabBase() == null ? STOCK_FSTAB : guest.getFstabBase();
            Set<String> pvFields = new HashSet<>();
            disks.forEach(disk -> disk.partitions().forEach(partition -> pvFields.addAll(partition.fstabClaims())));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < declared.size(); i++) {
                String element = path + "/fstabBase/line[" + (i + 1) + "]";
                String line = declared.get(i) == null ? "" : declared.get(i).strip();
                if (!baseLine(element, line)) {
                    continue;
                }
                String[] fields = line.split("[ \\t]+");
                if (line.isEmpty() || line.startsWith("#")) {
                    lines.add(line);
                } else if (fields.length < 4 || fields.length > 6) {
                    error(element, "'" + line + "' is not an fstab entry: expected 4 to 6 fields, "
                            + "device mount-point type options [dump [pass]]");
                } else if (!List.of(fields).stream().allMatch(field -> FSTAB_FIELD.matcher(field).matches())) {
                    error(element, "'" + line + "' has a field with characters fstab does not take here: use letters, "
                            + "digits and _ = . / : , @ + -");
                } else if (!List.of(fields).subList(4, fields.length).stream().allMatch(field -> field.matches("[0-9]"))) {
                    error(element, "'" + line + "' has a dump or pass field that is not a digit");
                } else if (pvFields.contains(fields[0]) || pvFields.contains(fields[1])) {
                    lines.add(REPLACED_MARK + line);
                } else {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The base modules.conf lines, with an {@code alias ethN} for a PV interface commented out. */
        private List<String> modulesConfBase(List<ValidNetwork> networks) {
            List<String> declared = guest.getModulesConfBase() == null ? List.of() : guest.getModulesConfBase();
            Set<String> pvInterfaces = new HashSet<>();
            networks.forEach(network -> pvInterfaces.add(network.interfaceName()));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < declared.size(); i++) {
                String element = path + "/modulesConfBase/line[" + (i + 1) + "]";
                String line = declared.get(i) == null ? "" : declared.get(i).strip();
                if (!baseLine(element, line)) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    error(element, "'" + line + "' ends with a backslash, which would join the next line to it");
                    continue;
                }
                Matcher alias = MODULES_ALIAS.matcher(line);
                lines.add(alias.matches() && pvInterfaces.contains(alias.group(1)) ? REPLACED_MARK + line : line);
            }
            return lines;
        }

        private boolean baseLine(String element, String line) {
            if (!CONFIG_LINE.matcher(line).matches()) {
                error(element, "is not one line of printable ASCII (at most 1024 characters)");
                return false;
            }
            if (BLOCK_MARKER.matcher(line).matches()) {
                error(element, "'" + line + "' looks like the plugin's own BEGIN/END line: install-guest.sh would take "
                        + "it for the edge of the plugin's block; leave it out");
                return false;
            }
            return true;
        }

        private List<XmSetting> extraConfig() {
            Map<String, String> declared = guest.getExtraConfig() == null ? Map.of() : guest.getExtraConfig();
            List<XmSetting> settings = new ArrayList<>();
            Map<String, String> sorted = new TreeMap<>();
            declared.forEach((key, value) -> {
                if (key == null) {
                    error(path + "/extraConfig", "has an entry without a key");
                } else {
                    sorted.put(key, value);
                }
            });
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                String key = entry.getKey();
                String element = path + "/extraConfig/" + key;
                String value = entry.getValue() == null ? "" : entry.getValue().strip();
                if (!EXTRA_KEY.matcher(key).matches() || PYTHON_KEYWORDS.contains(key)) {
                    error(element, "'" + key + "' is not an xm config key: lower-case letters, digits and '_', "
                            + "not starting with a digit, and not a Python keyword");
                } else if (XmConfig.PLUGIN_KEYS.contains(key)) {
                    error(element, "'" + key + "' is written by the plugin itself; set it through its own element "
                            + "or leave it to the plugin");
                } else if (value.matches("-[0-9]+")) {
                    error(element, "'" + value + "' is a negative number, which Xen's config parser (libxlutil) cannot "
                            + "read: xm config numbers are unsigned");
                } else if (EXTRA_INTEGER.matcher(value).matches()) {
                    settings.add(new XmSetting(key, Integer.parseInt(value)));
                } else if (EXTRA_STRING.matcher(value).matches()) {
                    settings.add(new XmSetting(key, value));
                } else {
                    error(element, "'" + value + "' cannot be an xm string: printable ASCII without '\"' or "
                            + "backslash, at most 1024 characters");
                }
            }
            return settings;
        }

        private String required(String element, String value, Pattern rule, String why) {
            String text = text(value);
            if (text == null) {
                error(path + "/" + element, "is required: it " + why.replaceFirst("^must be", "is"));
                return null;
            }
            return matching(element, text, rule, why);
        }

        private String optional(String element, String value, Pattern rule, String fallback, String why) {
            String text = text(value);
            return text == null ? fallback : matching(element, text, rule, why);
        }

        private String matching(String element, String text, Pattern rule, String why) {
            if (!rule.matcher(text).matches()) {
                error(path + "/" + element, "'" + text + "' " + why);
                return null;
            }
            return text;
        }

        private <E extends Enum<E>> E choice(String element, String value, Class<E> type, E fallback, String what) {
            String text = text(value);
            if (text == null) {
                return fallback;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.toString().equals(text)) {
                    return constant;
                }
            }
            error(path + "/" + element, "'" + text + "' is not allowed: " + what);
            return null;
        }

        private boolean flag(String element, String value, boolean fallback) {
            String text = text(value);
            if (text == null) {
                return fallback;
            }
            if (!text.equals("true") && !text.equals("false")) {
                error(path + "/" + element, "'" + text + "' is not a boolean: expected true or false");
                return fallback;
            }
            return Boolean.parseBoolean(text);
        }

        /** The whole number in {@code value} within min..max; {@code element} is the full path. */
        private int number(String element, String value, int fallback, int min, int max, String what) {
            String text = text(value);
            if (text == null) {
                return fallback;
            }
            if (!text.matches("-?[0-9]{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
                error(element, "'" + text + "' is out of range: " + what + " must be a whole number from " + min
                        + " to " + max);
                return fallback;
            }
            return Integer.parseInt(text);
        }
    }

    /** Why an absolute path is not in normal form, or {@code null} when it is. */
    private static String pathProblem(String path) {
        if (path.contains("//")) {
            return "has an empty segment";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "ends with '/'";
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }

    private static String reason(String problem) {
        return problem == null ? "" : " (this one " + problem + ")";
    }

    /**
     * A MAC that stays the same for the same guest name and NIC index, inside Xen's
     * {@code 00:16:3e} prefix with the fourth byte below 0x80, as Xen's own tools pick them.
     */
    static String derivedMac(String guestName, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((guestName + "/eth" + index).getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%s:%02x:%02x:%02x", XEN_MAC_PREFIX, hash[0] & 0x7f, hash[1] & 0xff,
                    hash[2] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
