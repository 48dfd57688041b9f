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

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern DRIVER_RELEASE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    private static final Pattern DRIVER_RPM = Pattern.compile("[A-Za-z0-9_.*+-]{1,128}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOM0_RELEASE = Pattern.compile("([0-9]{1,2})\\.([0-9]{1,2})");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern ALL_ZERO_MAC = Pattern.compile("00(:00){5}");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    /** GRUB legacy skips blanks and '=' after "title" (skip_to(1, ...) in stage2.c): a title cannot start with '='. */
    private static final Pattern GRUB_TITLE = Pattern.compile("[\\x20-\\x7e&&[^=]][\\x20-\\x7e]{0,199}");
    private static final Pattern GRUB_ROOT = Pattern.compile("\\(hd[0-9]{1,2}(,[0-9]{1,2})?\\)");
    private static final Pattern ROOT_DEVICE = Pattern.compile("[A-Za-z0-9_=./:-]{1,255}");
    private static final Pattern KERNEL_ARGS = Pattern.compile("[A-Za-z0-9_=.,:/-]+( +[A-Za-z0-9_=.,:/-]+)*");
    private static final Pattern EXTRA_KEY = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    static final Pattern EXTRA_INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern NEGATIVE_INTEGER = Pattern.compile("-[0-9]+");
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
        String kernel = kernelRelease(path + "/kernel", guest.getKernel(), null, null,
                "the release of the kernel the guest runs");
        Release release = kernel == null ? null : Release.ofKernel(kernel).orElseThrow();
        archOfRelease(arch, release);
        KernelVariant variant = variant(arch, release);
        // Without a kernel that checked out, the driver source is unknown: the kmod elements are
        // checked as far as they are given, and none is required.
        DriverSource source = release == null ? null : release.driverSource(kernel);
        String driverKernel;
        String driverRelease;
        String driverRpm;
        if (source != DriverSource.IN_KERNEL) {
            driverKernel = kernelRelease(path + "/driverKernel", guest.getDriverKernel(),
                    release == null || !release.kernel26() ? Guest.DEFAULT_DRIVER_KERNEL : kernel, release,
                    "the kernel release the kmod-xenpv RPM was built for");
            driverRelease = driverRelease(source != null);
            driverRpm = driverRpm(release);
        } else {
            inKernelRefusals(release, kernel);
            driverKernel = null;
            driverRelease = null;
            driverRpm = null;
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
        ModuleLoading loading = moduleLoading(release);
        bootDisk = diskCheck.bootDisk(guest.getBootDisk());
        networks = checkNetworks(release);
        emulatedDisks = diskCheck.emulatedDisks(guest.getEmulatedDisks() == null ? List.of() : guest.getEmulatedDisks(),
                bootDisk);
        disks = diskCheck.disks(guest.getDisks() == null ? List.of() : guest.getDisks(), loading, release);
        GrubEntry grub = grub(kernel == null || variant == null ? null : kernel + variant.suffix(), noapic, release);
        List<String> fstabBase = BaseFiles.fstabBase(path + "/fstabBase",
                guest.getFstabBase() == null ? (release == null ? BaseFiles.STOCK_FSTAB : release.stockFstab())
                        : guest.getFstabBase(),
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
        return new ValidGuest(name, arch, release, release.driverSource(kernel), kernel, driverKernel, variant,
                driverRelease, driverRpm, memory, vcpus, uuid,
                uuidDerived, dom0Arch,
                dom0Release, noapic, loading, bootDisk, emulatedDisks, networks, disks, grub, fstabBase, modulesConfBase, extraConfig,
                xmConfig, null);
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
     * A RHEL 3, 4 or 5 kernel release without its variant, errata sub-builds included
     * ({@code 2.4.21-47.0.1.EL}, {@code 2.6.9-67.0.1.EL}, {@code 2.6.18-92.1.10.el5}): the rule of
     * both {@code kernel} and {@code driverKernel}. {@code fallback} null makes it required;
     * {@code release} non-null requires that release (the driver kernel is of the guest's release).
     */
    private String kernelRelease(String element, String declared, String fallback, Release release, String what) {
        String value = Values.text(declared);
        String name = element.substring(element.lastIndexOf('/') + 1);
        if (value == null) {
            if (fallback == null) {
                problems.error(element, "is required: " + what + ", e.g. " + Release.RHEL3.exampleKernel() + " (RHEL 3), "
                        + Release.RHEL4.exampleKernel() + " (RHEL 4) or " + Release.RHEL5.exampleKernel() + " (RHEL 5)");
            }
            return fallback;
        }
        for (Release candidate : Release.values()) {
            Matcher variant = candidate.withSuffix(value);
            if (variant.matches()) {
                String suffix = variant.group(4);
                if (suffix.startsWith("xen")) {
                    problems.error(element, "'" + value + "' is a para-virtualized (" + suffix + ") kernel: it runs "
                            + "only as a PV guest, and this plugin moves fully virtualized (HVM) guests onto the PV "
                            + "drivers; name the HVM kernel the guest boots, e.g. " + variant.group(1));
                } else {
                    problems.error(element, "'" + value + "' includes the variant: write <" + name + ">"
                            + variant.group(1) + "</" + name + "> and <kernelVariant>" + suffix + "</kernelVariant>");
                }
                return null;
            }
        }
        Release found = Release.ofKernel(value).orElse(null);
        if (found == null) {
            problems.error(element, "'" + value + "' is not a RHEL 3, 4 or 5 kernel release: expected "
                    + Release.RHEL3.kernelForm() + " (RHEL 3), " + Release.RHEL4.kernelForm() + " (RHEL 4) or "
                    + Release.RHEL5.kernelForm() + " (RHEL 5), e.g. 2.6.9-67.0.1.EL");
            return null;
        }
        if (release != null && found != release) {
            problems.error(element, "'" + value + "' is a " + found.title() + " kernel, but the guest runs "
                    + release.title() + " (<kernel>): kmod-xenpv is built for a kernel of the guest's own release, e.g. "
                    + release.exampleKernel());
            return null;
        }
        if (found.build(value) < found.firstSupportedBuild()) {
            problems.warning(element, "'" + value + "' is older than " + found.firstSupportedName() + " ("
                    + found.kernelForm().replace("<build>[.<sub-build>...]", Integer.toString(found.firstSupportedBuild()))
                    + "): the PV drivers need " + found.firstSupportedName().replace(found.title() + " Update", "Update")
                    + " or later");
        }
        return value;
    }

    /** Red Hat builds RHEL 4 and 5 for i686 and x86_64 only: athlon and ia32e kernels are RHEL 3's. */
    private void archOfRelease(Arch arch, Release release) {
        if (arch != null && release != null && !release.arches().contains(arch)) {
            problems.error(path + "/arch", "'" + arch + "' has no " + release.title() + " kernel: Red Hat builds "
                    + release.title() + " for i686 and x86_64 only (the AMD- and Intel-specific athlon and ia32e "
                    + "kernels are RHEL 3's); use i686 or x86_64");
        }
    }

    /** The kernel variant: one this release builds, for this architecture; never a PV kernel. */
    private KernelVariant variant(Arch arch, Release release) {
        String value = Values.text(guest.getKernelVariant());
        String element = path + "/kernelVariant";
        if (value != null && value.startsWith("xen")) {
            problems.error(element, "'" + value + "' is a para-virtualized kernel: it runs only as a PV guest, and this "
                    + "plugin moves fully virtualized (HVM) guests onto the PV drivers; name the variant the guest boots");
            return null;
        }
        String allowed = release == null ? "empty (uniprocessor), smp, hugemem, largesmp or PAE" : variants(release);
        KernelVariant variant = values.choice(element, value, KernelVariant.class, KernelVariant.UP,
                "the kernel flavour: " + allowed);
        if (variant == null) {
            return null;
        }
        if (release != null && !release.variants().contains(variant)) {
            problems.error(element, "'" + variant + "' is not a " + release.title() + " kernel variant: "
                    + release.title() + " has " + allowed);
            return null;
        }
        if (arch != null && !variant.builtFor(arch)) {
            problems.error(element, "'" + variant + "' is built only for " + (variant == KernelVariant.LARGESMP
                    ? "x86_64" : "i686") + ", not for '" + arch + "'");
            return null;
        }
        return variant;
    }

    /** The release's variants in words, for messages: {@code empty (uniprocessor), smp or hugemem}. */
    private static String variants(Release release) {
        List<String> names = release.variants().stream()
                .map(variant -> variant == KernelVariant.UP
                        ? (release == Release.RHEL5 ? "empty (the default kernel)" : "empty (uniprocessor)")
                        : variant.suffix())
                .toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private String driverRelease(boolean required) {
        String why = "must be the kmod-xenpv %release, e.g. 0.1-5.el: letters, digits, '.', '_', '+' or '-'";
        String driverRelease = required
                ? values.required(path + "/driverRelease", guest.getDriverRelease(), DRIVER_RELEASE, why)
                : values.optional(path + "/driverRelease", guest.getDriverRelease(), DRIVER_RELEASE, null, why);
        if (driverRelease != null && driverRelease.contains("..")) {
            problems.error(path + "/driverRelease", "'" + driverRelease + "' must not contain '..': it names a folder");
            return null;
        }
        return driverRelease;
    }

    /**
     * The file name or glob of the driver RPMs beside install-guest.sh: kmod-xenpv's on RHEL 3 and
     * 5; on RHEL 4 every RPM there, since kmod-xenpv needs modversions and an updated
     * module-init-tools with it.
     */
    private String driverRpm(Release release) {
        String driverRpm = values.optional(path + "/driverRpm", guest.getDriverRpm(), DRIVER_RPM,
                release == Release.RHEL4 ? RHEL4_DRIVER_RPMS : "kmod-xenpv*.rpm",
                "must be a file name or glob of letters, digits, '_', '.', '*', '+' or '-'");
        if (".".equals(driverRpm) || "..".equals(driverRpm)) {
            problems.error(path + "/driverRpm", "'" + driverRpm + "' is not a file name");
        } else if (driverRpm != null && driverRpm.startsWith("-")) {
            problems.error(path + "/driverRpm", "'" + driverRpm + "' starts with '-': rpm would read it as an option");
        }
        return driverRpm;
    }

    /** The {@code <driverRpm>} of a RHEL 4 kmod guest: kmod-xenpv, modversions and module-init-tools all lie beside the script. */
    static final String RHEL4_DRIVER_RPMS = "*.rpm";

    /** A kernel with the drivers in its package takes no kmod-xenpv: the elements that describe one are refused. */
    private void inKernelRefusals(Release release, String kernel) {
        String why = "kernel " + kernel + " (" + release.inKernelName() + " or later) has the PV drivers in its own "
                + "package, so kmod-xenpv must not be installed there (on RHEL 4.7 up2date cannot even install it): "
                + "leave it out";
        for (String[] element : new String[][] {{"driverKernel", guest.getDriverKernel()},
                {"driverRelease", guest.getDriverRelease()}, {"driverRpm", guest.getDriverRpm()}}) {
            String value = Values.text(element[1]);
            if (value != null) {
                problems.error(path + "/" + element[0], "'" + value + "' is refused: " + why);
            }
        }
    }

    /** RHEL 4 and 5 load the drivers from /etc/rc.modules only: their bundle has no rc.local. */
    private ModuleLoading moduleLoading(Release release) {
        ModuleLoading loading = values.choice(path + "/moduleLoading", guest.getModuleLoading(), ModuleLoading.class,
                ModuleLoading.RC_MODULES, "where boot loads the PV block driver: rc.modules or rc.local");
        if (loading == ModuleLoading.RC_LOCAL && release != null && release.kernel26()) {
            problems.error(path + "/moduleLoading", "'rc.local' is for RHEL 3 guests: a " + release.title() + " guest "
                    + "loads the PV drivers with modprobe from /etc/rc.modules, which rc.sysinit runs before fsck -A; "
                    + "leave <moduleLoading> out");
            return ModuleLoading.RC_MODULES;
        }
        return loading;
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

    private List<ValidNetwork> checkNetworks(Release release) {
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
            } else if (ALL_ZERO_MAC.matcher(mac).matches()) {
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
            VifType type = vifType(element + "/type", network.getType(),
                    release == null ? VifType.TYPELESS : release.defaultVifType());
            return mac == null || bridge == null || type == null ? null
                    : new ValidNetwork(index, mac.toLowerCase(Locale.ROOT), derived, bridge, type);
        });
    }

    private VifType vifType(String element, String declared, VifType fallback) {
        if ("ioemu".equals(Values.text(declared))) {
            problems.error(element, "'ioemu' gives the guest only an emulated NIC, which the PV driver never sees; leave "
                    + "<type> out (the guide's vif) or write netfront (the PV NIC only)");
            return null;
        }
        return values.choice(element, declared, VifType.class, fallback,
                "leave <type> out for the guide's vif, or write netfront for the PV NIC only");
    }

    private GrubEntry grub(String kernelRelease, boolean noapic, Release release) {
        Grub declared = guest.getGrub() == null ? new Grub() : guest.getGrub();
        String grubPath = path + "/grub";
        String title = values.optional(grubPath + "/title", declared.getTitle(), GRUB_TITLE,
                kernelRelease == null ? null : Grub.defaultTitle(kernelRelease),
                "must be one line of printable ASCII, at most 200 characters, not starting with '=' (GRUB drops a "
                        + "leading '=' from a title)");
        String root = values.optional(grubPath + "/root", declared.getRoot(), GRUB_ROOT, Grub.DEFAULT_ROOT,
                "must be a GRUB device such as (hd0,0)");
        String rootDevice = values.optional(grubPath + "/rootDevice", declared.getRootDevice(), ROOT_DEVICE,
                release == null ? Grub.DEFAULT_ROOT_DEVICE : release.defaultRootDevice(),
                "must be the root= argument, e.g. LABEL=/ or /dev/hda2: letters, digits, '_', '=', '.', '/', ':' or '-'");
        boolean separateBoot = values.flag(grubPath + "/separateBoot", declared.getSeparateBoot(), true);
        String args = values.optional(grubPath + "/kernelArgs", declared.getKernelArgs(), KERNEL_ARGS, "",
                "must be kernel arguments separated by spaces, each of letters, digits, '_', '=', '.', ',', ':', '/' or '-'");
        if (release == null || kernelRelease == null || title == null || root == null || rootDevice == null
                || args == null) {
            return null;
        }
        return GrubEntry.of(release, kernelRelease, title, root, rootDevice, separateBoot, args, noapic);
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
            } else if (NEGATIVE_INTEGER.matcher(value).matches()) {
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
