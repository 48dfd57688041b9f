package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of one guest: each value of its declaration, with its default, and the rules between
 * its own parts. {@link #check()} gives the checked guest, or {@code null} when anything in it is
 * wrong; the parts other guests must not share stay readable either way, as far as they checked out.
 */
final class GuestCheck {

    /** RHEL 3 Update 9, the first kernel the PV drivers support. */
    static final int FIRST_SUPPORTED_KERNEL_BUILD = 50;

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern KERNEL = Pattern.compile("2\\.4\\.21-([0-9]{1,4})\\.EL");
    private static final Pattern KERNEL_WITH_VARIANT = Pattern.compile("2\\.4\\.21-[0-9]{1,4}\\.EL(smp|hugemem)");
    private static final Pattern DRIVER_RELEASE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    private static final Pattern DRIVER_RPM = Pattern.compile("[A-Za-z0-9_.*+-]{1,128}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOM0_RELEASE = Pattern.compile("([0-9]{1,2})\\.([0-9]{1,2})");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** GRUB legacy skips blanks and '=' after "title" (skip_to(1, ...) in stage2.c): a title cannot start with '='. */
    private static final Pattern GRUB_TITLE = Pattern.compile("[\\x20-\\x7e&&[^=]][\\x20-\\x7e]{0,199}");
    private static final Pattern GRUB_ROOT = Pattern.compile("\\(hd[0-9]{1,2}(,[0-9]{1,2})?\\)");
    private static final Pattern ROOT_DEVICE = Pattern.compile("[A-Za-z0-9_=./:-]{1,255}");
    private static final Pattern KERNEL_ARGS = Pattern.compile("[A-Za-z0-9_=.,:/-]+( +[A-Za-z0-9_=.,:/-]+)*");
    private static final Pattern EXTRA_KEY = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    static final Pattern EXTRA_INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern EXTRA_STRING = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{0,1024}");

    /** Python keywords: as an xm key they would make the config a syntax error. */
    private static final Set<String> PYTHON_KEYWORDS = Set.of("and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "exec", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try",
            "while", "with", "yield", "match", "case", "type");

    private final Problems problems;
    private final Values values;
    private final DiskCheck diskCheck;
    /** The guest's element, e.g. {@code guests/guest[web]}. */
    private final String path;
    private final Guest guest;

    /** What other guests must not share, as far as it checked out (null or empty otherwise). */
    private String name;
    private String uuid;
    private boolean uuidDerived;
    private ValidBootDisk bootDisk;
    private List<ValidNetwork> networks = List.of();
    private List<ValidEmulatedDisk> emulatedDisks = List.of();
    private List<ValidDisk> disks = List.of();

    GuestCheck(Problems problems, String path, Guest guest) {
        this.problems = problems;
        this.values = new Values(problems);
        this.diskCheck = new DiskCheck(problems, path);
        this.path = path;
        this.guest = guest;
    }

    String name() {
        return name;
    }

    /** The declared UUID, or the one derived from the name; null when neither checked out. */
    String uuid() {
        return uuid;
    }

    boolean uuidDerived() {
        return uuidDerived;
    }

    ValidBootDisk bootDisk() {
        return bootDisk;
    }

    List<ValidEmulatedDisk> emulatedDisks() {
        return emulatedDisks;
    }

    List<ValidNetwork> networks() {
        return networks;
    }

    List<ValidDisk> disks() {
        return disks;
    }

    ValidGuest check() {
        int errorsBefore = problems.errorCount();
        name = values.required(path + "/name", guest.getName(), NAME,
                "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit; "
                        + "it names the Xen domain and /etc/xen/<name>");
        Arch arch = arch();
        String kernel = kernelRelease(path + "/kernel", guest.getKernel(), null, "the release of the RHEL 3 kernel the "
                + "guest runs");
        String driverKernel = kernelRelease(path + "/driverKernel", guest.getDriverKernel(), Guest.DEFAULT_DRIVER_KERNEL,
                "the kernel release the kmod-xenpv RPM was built for");
        KernelVariant variant = values.choice(path + "/kernelVariant", guest.getKernelVariant(), KernelVariant.class,
                KernelVariant.UP, "the kernel flavour: empty (uniprocessor), smp or hugemem");
        if (variant == KernelVariant.HUGEMEM && arch != null && arch != Arch.I686) {
            problems.error(path + "/kernelVariant", "'hugemem' is built only for i686, not for '" + arch + "'");
        }
        String driverRelease = values.required(path + "/driverRelease", guest.getDriverRelease(), DRIVER_RELEASE,
                "must be the kmod-xenpv %release, e.g. 0.1-5.el: letters, digits, '.', '_', '+' or '-'");
        if (driverRelease != null && driverRelease.contains("..")) {
            problems.error(path + "/driverRelease", "'" + driverRelease + "' must not contain '..': it names a folder");
            driverRelease = null;
        }
        String driverRpm = values.optional(path + "/driverRpm", guest.getDriverRpm(), DRIVER_RPM, "kmod-xenpv*.rpm",
                "must be a file name or glob of letters, digits, '_', '.', '*', '+' or '-'");
        if (".".equals(driverRpm) || "..".equals(driverRpm)) {
            problems.error(path + "/driverRpm", "'" + driverRpm + "' is not a file name");
        } else if (driverRpm != null && driverRpm.startsWith("-")) {
            problems.error(path + "/driverRpm", "'" + driverRpm + "' starts with '-': rpm would read it as an option");
        }
        int memory = values.number(path + "/memory", guest.getMemory(), 512, 32, 1024 * 1024, "MiB of guest memory");
        int vcpus = values.number(path + "/vcpus", guest.getVcpus(), 1, 1, 32, "virtual CPUs");
        String declaredUuid = values.optional(path + "/uuid", guest.getUuid(), UUID, null,
                "must be a UUID in RFC 4122 text form, e.g. 6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        uuidDerived = declaredUuid == null && Values.text(guest.getUuid()) == null;
        if (uuidDerived) {
            uuid = name == null ? null : DomainUuid.derived(name);
        } else {
            uuid = declaredUuid == null ? null : declaredUuid.toLowerCase(Locale.ROOT);
        }
        Dom0Arch dom0Arch = values.choice(path + "/dom0Arch", guest.getDom0Arch(), Dom0Arch.class, Dom0Arch.X86_64,
                "the host's architecture: x86_64 or i386");
        dom0RunsGuest(dom0Arch, arch);
        boolean noapic = values.flag(path + "/noapic", guest.getNoapic(), true);
        String dom0Release = dom0Release(noapic);
        ModuleLoading loading = values.choice(path + "/moduleLoading", guest.getModuleLoading(), ModuleLoading.class,
                ModuleLoading.RC_MODULES, "where boot loads the PV block driver: rc.modules or rc.local");
        bootDisk = diskCheck.bootDisk(guest.getBootDisk());
        networks = checkNetworks();
        emulatedDisks = diskCheck.emulatedDisks(guest.getEmulatedDisks() == null ? List.of() : guest.getEmulatedDisks(),
                bootDisk);
        disks = diskCheck.disks(guest.getDisks() == null ? List.of() : guest.getDisks(), loading);
        GrubEntry grub = grub(kernel == null || variant == null ? null : kernel + variant.suffix(), noapic);
        List<String> fstabBase = BaseFiles.fstabBase(path + "/fstabBase",
                guest.getFstabBase() == null ? BaseFiles.STOCK_FSTAB : guest.getFstabBase(),
                new HashSet<>(ValidPartition.fstabClaims(ValidDisk.allPartitions(disks))), problems);
        List<String> modulesConfBase = BaseFiles.modulesConfBase(path + "/modulesConfBase",
                guest.getModulesConfBase() == null ? List.of() : guest.getModulesConfBase(),
                new HashSet<>(ValidNetwork.interfaceNames(networks)), problems);
        List<XmSetting> extraConfig = extraConfig();
        if (problems.errorCount() > errorsBefore) {
            return null;
        }
        List<XmSetting> xmConfig = XmConfig.settings(
                new XmConfig.Domain(name, uuid, dom0Arch, memory, vcpus, bootDisk, emulatedDisks, networks, disks),
                extraConfig);
        return new ValidGuest(name, arch, kernel, driverKernel, variant, driverRelease, driverRpm, memory, vcpus, uuid,
                uuidDerived, dom0Arch,
                dom0Release, noapic, loading, bootDisk, emulatedDisks, networks, disks, grub, fstabBase, modulesConfBase, extraConfig,
                xmConfig);
    }

    private Arch arch() {
        String value = Values.text(guest.getArch());
        if ("ia64".equals(value)) {
            problems.error(path + "/arch", "'ia64' is not supported: Itanium binary RPMs and builds of the PV drivers "
                    + "are not available");
            return null;
        }
        if (value == null) {
            problems.error(path + "/arch", "is required: the guest kernel's architecture, one of i686, athlon, ia32e, "
                    + "x86_64");
            return null;
        }
        return values.choice(path + "/arch", value, Arch.class, null,
                "the guest kernel's architecture: i686, athlon, ia32e or x86_64");
    }

    /**
     * A RHEL 3 kernel release, {@code 2.4.21-<build>.EL} without its variant: the rule of both
     * {@code kernel} and {@code driverKernel}. {@code fallback} null makes it required.
     */
    private String kernelRelease(String element, String declared, String fallback, String what) {
        String value = Values.text(declared);
        if (value == null) {
            if (fallback == null) {
                problems.error(element, "is required: " + what + ", e.g. 2.4.21-52.EL");
            }
            return fallback;
        }
        Matcher variant = KERNEL_WITH_VARIANT.matcher(value);
        String name = element.substring(element.lastIndexOf('/') + 1);
        if (variant.matches()) {
            problems.error(element, "'" + value + "' includes the variant: write <" + name + ">"
                    + value.substring(0, value.length() - variant.group(1).length()) + "</" + name + "> and <kernelVariant>"
                    + variant.group(1) + "</kernelVariant>");
            return null;
        }
        Matcher release = KERNEL.matcher(value);
        if (!release.matches()) {
            problems.error(element, "'" + value + "' is not a RHEL 3 kernel release: expected 2.4.21-<build>.EL, "
                    + "e.g. 2.4.21-52.EL");
            return null;
        }
        if (Integer.parseInt(release.group(1)) < FIRST_SUPPORTED_KERNEL_BUILD) {
            problems.warning(element, "'" + value + "' is older than RHEL 3 Update 9 (2.4.21-50.EL): the PV drivers "
                    + "need Update 9 or later");
        }
        return value;
    }

    /** A 64-bit guest kernel needs a 64-bit hypervisor: reported at dom0Arch, naming arch too. */
    private void dom0RunsGuest(Dom0Arch dom0Arch, Arch arch) {
        if (dom0Arch != null && arch != null && !dom0Arch.runs(arch)) {
            problems.error(path + "/dom0Arch", "'" + dom0Arch + "' cannot run this guest: " + path + "/arch is '" + arch
                    + "', a 64-bit kernel, and a 32-bit hypervisor runs only 32-bit guests; use an x86_64 dom0, or an "
                    + "i686 or athlon guest kernel");
        }
    }

    private String dom0Release(boolean noapic) {
        String value = values.optional(path + "/dom0Release", guest.getDom0Release(), DOM0_RELEASE, null,
                "must be the host's RHEL release as <major>.<minor>, e.g. 5.1");
        if (value != null) {
            Matcher release = DOM0_RELEASE.matcher(value);
            release.matches();
            int major = Integer.parseInt(release.group(1));
            int minor = Integer.parseInt(release.group(2));
            if (major < 5 || (major == 5 && minor < 1)) {
                problems.warning(path + "/dom0Release", "'" + value + "': PV drivers for HVM guests need a RHEL 5.1 "
                        + "or later host");
            } else if (noapic && (major > 5 || minor >= 2)) {
                problems.warning(path + "/noapic", "a RHEL " + value + " host does not need noapic on the guest kernel "
                        + "line; set <noapic>false</noapic> to leave it out");
            }
        }
        return value;
    }

    private List<ValidNetwork> checkNetworks() {
        List<Network> declared = guest.getNetworks() == null ? List.of(new Network()) : guest.getNetworks();
        return Problems.each(path + "/networks", "network", declared, (element, index, declaredNetwork) -> {
            Network network = declaredNetwork == null ? new Network() : declaredNetwork;
            String mac = Values.text(network.getMac());
            boolean derived = mac == null;
            if (derived) {
                mac = name == null ? null : ValidNetwork.derivedMac(name, index);
            } else if (!MAC.matcher(mac).matches()) {
                problems.error(element + "/mac", "'" + mac + "' is not a MAC address: expected six hex pairs like "
                        + "00:16:3e:5d:c7:9e");
                mac = null;
            } else if (mac.replace(":", "").matches("0+")) {
                problems.error(element + "/mac", "'" + mac + "' is the all-zero address, which no NIC may use");
                mac = null;
            } else if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
                problems.error(element + "/mac", "'" + mac + "' is a multicast address: a NIC needs a unicast MAC "
                        + "(the first byte's lowest bit clear)");
                mac = null;
            }
            String bridge = values.optional(element + "/bridge", network.getBridge(), BRIDGE, Network.DEFAULT_BRIDGE,
                    "must be a Linux bridge name: 1 to 15 letters, digits, '_', '.' or '-'");
            if (".".equals(bridge) || "..".equals(bridge)) {
                problems.error(element + "/bridge", "'" + bridge + "' is not a bridge name: Linux refuses '.' and '..' "
                        + "as interface names");
                bridge = null;
            }
            VifType type = vifType(element + "/type", network.getType());
            return mac == null || bridge == null || type == null ? null
                    : new ValidNetwork(index, mac.toLowerCase(Locale.ROOT), derived, bridge, type);
        });
    }

    private VifType vifType(String element, String declared) {
        if ("ioemu".equals(Values.text(declared))) {
            problems.error(element, "'ioemu' gives the guest only an emulated NIC, which the PV driver never sees; leave "
                    + "<type> out (the guide's vif) or write netfront (the PV NIC only)");
            return null;
        }
        return values.choice(element, declared, VifType.class, VifType.TYPELESS,
                "leave <type> out for the guide's vif, or write netfront for the PV NIC only");
    }

    private GrubEntry grub(String kernelRelease, boolean noapic) {
        Grub declared = guest.getGrub() == null ? new Grub() : guest.getGrub();
        String grubPath = path + "/grub";
        String title = values.optional(grubPath + "/title", declared.getTitle(), GRUB_TITLE,
                kernelRelease == null ? null : Grub.defaultTitle(kernelRelease),
                "must be one line of printable ASCII, at most 200 characters, not starting with '=' (GRUB drops a "
                        + "leading '=' from a title)");
        String root = values.optional(grubPath + "/root", declared.getRoot(), GRUB_ROOT, Grub.DEFAULT_ROOT,
                "must be a GRUB device such as (hd0,0)");
        String rootDevice = values.optional(grubPath + "/rootDevice", declared.getRootDevice(), ROOT_DEVICE,
                Grub.DEFAULT_ROOT_DEVICE,
                "must be the root= argument, e.g. LABEL=/ or /dev/hda2: letters, digits, '_', '=', '.', '/', ':' or '-'");
        boolean separateBoot = values.flag(grubPath + "/separateBoot", declared.getSeparateBoot(), true);
        String args = values.optional(grubPath + "/kernelArgs", declared.getKernelArgs(), KERNEL_ARGS, "",
                "must be kernel arguments separated by spaces, each of letters, digits, '_', '=', '.', ',', ':', '/' or '-'");
        if (kernelRelease == null || title == null || root == null || rootDevice == null || args == null) {
            return null;
        }
        return GrubEntry.of(kernelRelease, title, root, rootDevice, separateBoot, args, noapic);
    }

    /** Whether {@code value} is one xm takes for {@code key}, when the key is an operator setting with a set of choices. */
    private static boolean operatorValue(String key, String value) {
        Set<Object> choices = XmConfig.OPERATOR_SETTINGS.getOrDefault(key, Set.of());
        return choices.isEmpty() || choices.contains(EXTRA_INTEGER.matcher(value).matches() ? Integer.parseInt(value) : value);
    }

    private List<XmSetting> extraConfig() {
        Map<String, String> declared = guest.getExtraConfig() == null ? Map.of() : guest.getExtraConfig();
        Map<String, String> sorted = new TreeMap<>();
        declared.forEach((key, value) -> {
            if (key == null) {
                problems.error(path + "/extraConfig", "has an entry without a key");
            } else {
                sorted.put(key, value);
            }
        });
        List<XmSetting> settings = new ArrayList<>();
        // Keyed elements: each is named by its key, not by an index.
        sorted.forEach((key, declaredValue) -> {
            String element = path + "/extraConfig/" + key;
            String value = declaredValue == null ? "" : declaredValue.strip();
            if (!EXTRA_KEY.matcher(key).matches() || PYTHON_KEYWORDS.contains(key)) {
                problems.error(element, "'" + key + "' is not an xm config key: lower-case letters, digits and '_', "
                        + "not starting with a digit, and not a Python keyword");
            } else if (XmConfig.PLUGIN_KEYS.contains(key) && !XmConfig.OPERATOR_SETTINGS.containsKey(key)) {
                problems.error(element, "'" + key + "' is written by the plugin itself: " + XmConfig.elementFor(key)
                        .map(setting -> "set it through " + setting)
                        .orElse("the same for every guest, as the move needs it; no element changes it"));
            } else if (XmConfig.isSecret(key) && value.isEmpty()) {
                // an import writes ${xenpv.secret.<guest>.<key>}: unsupplied, Maven leaves the element empty
                String property = XmConfig.secretProperty(guest.getName(), key);
                problems.error(element, "a password without a value: supply it when you build (the import writes the "
                        + "property " + property + ": -D" + property + "=... or that property in settings.xml), "
                        + "or leave the key out");
            } else if (!operatorValue(key, value)) {
                problems.error(element, "'" + value + "' is not a value xm takes for " + key + ": "
                        + XmConfig.OPERATOR_SETTINGS.get(key).stream().map(String::valueOf).sorted()
                                .collect(Collectors.joining(", ")));
            } else if (value.matches("-[0-9]+")) {
                problems.error(element, "'" + value + "' is a negative number, which Xen's config parser (libxlutil) "
                        + "cannot read: xm config numbers are unsigned");
            } else if (EXTRA_INTEGER.matcher(value).matches()) {
                settings.add(new XmSetting(key, Integer.parseInt(value)));
            } else if (EXTRA_STRING.matcher(value).matches()) {
                settings.add(new XmSetting(key, value));
            } else {
                problems.error(element, "'" + value + "' cannot be an xm string: printable ASCII without '\"' or "
                        + "backslash, at most 1024 characters");
            }
        });
        return settings;
    }
}
