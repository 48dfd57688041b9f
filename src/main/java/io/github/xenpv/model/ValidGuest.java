package io.github.xenpv.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * A guest that passed every rule, with every default applied and its xm config computed. The
 * derived values the files need (kernel release, module paths, device nodes, mounts, where boot
 * loads the drivers) are computed here, once, so that templates only lay them out.
 *
 * <p>{@code kernel} is the release the guest runs, {@code driverKernel} the one the kmod-xenpv RPM
 * was built for; {@code driverKernel}, {@code driverRelease} and {@code driverRpm} are {@code null}
 * for a guest whose kernel package carries the drivers ({@link #kmod()} false). {@code uuid} is the declared one, or derived from the name ({@code uuidDerived});
 * {@code dom0Release} is {@code null} when the POM gives none.
 */
public record ValidGuest(String name, Arch arch, Release release, DriverSource driverSource, String kernel, String driverKernel, KernelVariant kernelVariant,
        String driverRelease, String driverRpm, int memory, int vcpus, String uuid, boolean uuidDerived, Dom0Arch dom0Arch,
        String dom0Release, boolean noapic,
        ModuleLoading moduleLoading, ValidBootDisk bootDisk, List<ValidEmulatedDisk> emulatedDisks,
        List<ValidNetwork> networks, List<ValidDisk> disks,
        GrubEntry grub, List<String> fstabBase, List<String> modulesConfBase, List<XmSetting> extraConfig,
        List<XmSetting> xmConfig, ConfigElement declaration) {

    /** The PV block driver. */
    public static final String BLOCK_DRIVER = "xen-vbd";

    /** The PV network driver, which modules.conf aliases every PV interface to. */
    public static final String NIC_DRIVER = "xen-vnif";

    /** The PV platform device's driver, which every other PV driver needs loaded first. */
    public static final String PLATFORM_DRIVER = "xen-platform-pci";

    /** The driver modules in the order the procedure loads them: the platform device first. */
    public static final List<String> PV_MODULES = List.of(PLATFORM_DRIVER, "xen-balloon", BLOCK_DRIVER, NIC_DRIVER);

    /** The package names kmod-xenpv is installed under: the UP build's, and {@code kmod-xenpv-<variant>}. */
    public static final String DRIVER_PACKAGE = "kmod-xenpv";

    /** Where the bundle puts the node script: in /sbin, because boot runs it before /usr is mounted. */
    public static final String NODE_SCRIPT = "/sbin/xenpv-mknod";

    /**
     * How long, at most, a RHEL 4 or 5 boot waits for udev to make the declared PV nodes after
     * modprobe xen-vbd returns: the frontend connects to its backends asynchronously (xenbus), and a
     * detached disk must not hold boot for long.
     */
    public static final int NODE_WAIT_SECONDS = 30;

    /** Where the bundle puts the check script, which only people run, once the guest is up. */
    public static final String VERIFY_SCRIPT = "/usr/local/sbin/xenpv-verify";

    /**
     * A checked guest holding copies of the lists. The components are the declaration's values
     * with the defaults applied; the README's "Data model" describes what templates see of them.
     *
     * @param name the Xen domain name
     * @param arch the guest kernel's architecture
     * @param release the guest's RHEL release, which {@code kernel} names
     * @param driverSource where the guest's PV drivers come from, which {@code kernel} decides
     * @param kernel the kernel release without its variant, e.g. {@code 2.4.21-52.EL}
     * @param driverKernel the kernel release, without its variant, that the driver RPM was built for
     * @param kernelVariant the kernel flavour
     * @param driverRelease the kmod-xenpv {@code %release}
     * @param driverRpm the file name or glob of the driver RPM
     * @param memory MiB of guest memory
     * @param vcpus virtual CPUs
     * @param uuid the domain's UUID in lower case, declared or derived from the name
     * @param uuidDerived whether the plugin derived the UUID because the POM gave none
     * @param dom0Arch the host's architecture
     * @param dom0Release the host's RHEL release, or {@code null}
     * @param noapic whether the kernel line gets {@code noapic}
     * @param moduleLoading where boot loads the PV block driver
     * @param bootDisk the emulated boot disk
     * @param emulatedDisks the data disks that stay emulated
     * @param networks the NICs, {@code eth0} first
     * @param disks the PV disks
     * @param grub the boot entry
     * @param fstabBase the fstab lines kept above the plugin's block
     * @param modulesConfBase the modules.conf lines kept above the plugin's block
     * @param extraConfig the user's extra xm settings
     * @param xmConfig the whole xm config, in the order it is written
     * @param declaration the {@code <guest>} element it was checked from, as written (its expressions
     *     evaluated), from which every other value follows; {@code null} for a guest built in code
     */
    public ValidGuest {
        emulatedDisks = List.copyOf(emulatedDisks);
        networks = List.copyOf(networks);
        disks = List.copyOf(disks);
        fstabBase = List.copyOf(fstabBase);
        modulesConfBase = List.copyOf(modulesConfBase);
        extraConfig = List.copyOf(extraConfig);
        xmConfig = List.copyOf(xmConfig);
    }

    /**
     * This guest, checked from {@code element}.
     *
     * @param element the {@code <guest>} element it was read from
     * @return the same guest, with its declaration
     */
    public ValidGuest withDeclaration(ConfigElement element) {
        return new ValidGuest(name, arch, release, driverSource, kernel, driverKernel, kernelVariant, driverRelease, driverRpm,
                memory, vcpus, uuid, uuidDerived, dom0Arch, dom0Release, noapic, moduleLoading, bootDisk, emulatedDisks,
                networks, disks, grub, fstabBase, modulesConfBase, extraConfig, xmConfig, element);
    }

    /** {@return what {@code uname -r} prints on the guest, e.g. {@code 2.4.21-52.ELsmp}} */
    public String kernelRelease() {
        return kernel + kernelVariant.suffix();
    }

    /** {@return whether the guest gets its drivers from the kmod-xenpv RPM (false: from its kernel package)} */
    public boolean kmod() {
        return driverSource() == DriverSource.KMOD;
    }

    /** {@return the driver kernel's {@code uname -r}, e.g. {@code 2.4.21-52.ELsmp}: the module tree the RPM installs into; null without kmod-xenpv} */
    public String driverKernelRelease() {
        return kmod() ? driverKernel + kernelVariant.suffix() : null;
    }

    /** {@return where the kmod-xenpv RPM puts the modules: the driver kernel's tree (procedure step 3's source); null without kmod-xenpv} */
    public String driverDirectory() {
        return kmod() ? "/lib/modules/" + driverKernelRelease() + "/" + driverSubdirectory() : null;
    }

    /**
     * The modules' folder in the tree of the kernel the guest runs. RHEL 3: where the install
     * copies them (step 3's target). RHEL 4 and 5: the driver kernel's folder itself, or, for
     * another kernel, the {@code weak-updates} folder where kmod-xenpv's %post (weak-modules) links
     * them. Null without kmod-xenpv: the kernel package has them (its path inside the tree is not
     * needed: boot loads them by name).
     *
     * @return the folder, or null
     */
    public String moduleDirectory() {
        if (!kmod()) {
            return null;
        }
        if (release.kernel26()) {
            return linksDriverTree() ? "/lib/modules/" + kernelRelease() + "/weak-updates/xenpv/" + driverRelease
                    : driverDirectory();
        }
        return "/lib/modules/" + kernelRelease() + "/" + driverSubdirectory();
    }

    /**
     * Whether the install copies the driver tree into the running kernel's tree: a RHEL 3 guest that
     * runs another release than the one the RPM was built for (most run a later errata kernel).
     *
     * @return whether the driver kernel differs from the kernel, on RHEL 3
     */
    public boolean copiesDriverTree() {
        return kmod() && !release.kernel26() && !driverKernel.equals(kernel);
    }

    /**
     * Whether the image install links the driver kernel's modules into the running kernel's
     * {@code weak-updates} folder, as kmod-xenpv's %post (weak-modules) does on a live RHEL 4 or 5
     * guest: the guest runs another kernel than the one the RPM was built for.
     *
     * @return whether a RHEL 4 or 5 kmod guest's driver kernel differs from its kernel
     */
    public boolean linksDriverTree() {
        return kmod() && release.kernel26() && !driverKernel.equals(kernel);
    }

    /** {@return the names an installed kmod-xenpv may have: {@code kmod-xenpv}, and {@code kmod-xenpv-<variant>} for a variant} */
    public List<String> driverPackages() {
        return kernelVariant == KernelVariant.UP ? List.of(DRIVER_PACKAGE)
                : List.of(DRIVER_PACKAGE, DRIVER_PACKAGE + "-" + kernelVariant.suffix());
    }

    /**
     * The modules' folder inside a kernel's module tree. Scripts put it under
     * {@code /lib/modules/$(uname -r)}, where the procedure copies the modules.
     *
     * @return {@code extra/xenpv/} and the driver release; null without kmod-xenpv
     */
    public String driverSubdirectory() {
        return kmod() ? "extra/xenpv/" + driverRelease : null;
    }

    /** {@return the suffix of the guest's module files: {@code .o} (RHEL 3) or {@code .ko}} */
    public String moduleSuffix() {
        return release.moduleSuffix();
    }

    /** {@return the module loader's configuration file that holds the NIC aliases: modules.conf or modprobe.conf} */
    public String modulesConf() {
        return release.modulesConf();
    }

    /** {@return the guest kernel's module dependency list, which modprobe reads: {@code /lib/modules/<kernel><variant>/modules.dep}} */
    public String moduleDep() {
        return "/lib/modules/" + kernelRelease() + "/modules.dep";
    }

    /**
     * The lines kmod-xenpv's %post would leave in the running kernel's {@code modules.dep}, which
     * the image install writes itself (it runs nothing of the image, and the host's depmod writes
     * another format): each PV module by its absolute path, as module-init-tools 3.1 and 3.3 write
     * and read them, each needing xen-platform-pci, whose symbols the others use. Empty for a guest
     * that needs none (RHEL 3, whose boot loads by path, and a kernel package with the drivers).
     *
     * @return the dependency lines, {@code PATH: DEPENDENCY...}
     */
    public List<String> moduleDepLines() {
        if (!kmod() || !release.kernel26()) {
            return List.of();
        }
        String platform = moduleDirectory() + "/" + PLATFORM_DRIVER + moduleSuffix();
        return PV_MODULES.stream()
                .map(module -> module.equals(PLATFORM_DRIVER) ? platform + ":"
                        : moduleDirectory() + "/" + module + moduleSuffix() + ": " + platform)
                .toList();
    }

    /**
     * What boot loads, in order, and what xenpv-verify expects after a reboot: the platform device,
     * the block driver, and the network driver when the guest has a NIC. Not xen-balloon, which
     * nothing needs at boot.
     *
     * @return the modules, in load order
     */
    public List<String> bootModules() {
        return networks.isEmpty() ? List.of(PLATFORM_DRIVER, BLOCK_DRIVER) : List.of(PLATFORM_DRIVER, BLOCK_DRIVER, NIC_DRIVER);
    }

    /** {@return the boot modules as {@code /proc/modules} lists them once loaded: {@code xen_vbd} on 2.6} */
    public List<String> loadedBootModules() {
        return bootModules().stream().map(release::loadedName).toList();
    }

    /** {@return the PV modules a RHEL 4 or 5 boot script asks modprobe for: the block driver, and the NIC driver when there is a NIC; modprobe loads xen-platform-pci for them} */
    public List<String> modprobeModules() {
        return networks.isEmpty() ? List.of(BLOCK_DRIVER) : List.of(BLOCK_DRIVER, NIC_DRIVER);
    }

    /** {@return whether the bundle creates the device nodes itself (RHEL 3's static /dev); on RHEL 4 and 5 udev makes them} */
    public boolean makesNodes() {
        return !release.kernel26();
    }

    /**
     * Whether the bundle has {@code /etc/rc.modules}, which rc.sysinit runs before it checks and
     * mounts file systems: there boot loads the block driver and creates the nodes, and rc.local
     * loads the same modules again only if that did not happen. Without it ({@code moduleLoading}
     * rc.local) rc.local loads them, creates the nodes and mounts the PV file systems itself.
     *
     * @return whether {@code moduleLoading} is {@code rc.modules}
     */
    public boolean rcModules() {
        return moduleLoading == ModuleLoading.RC_MODULES;
    }

    /**
     * Whether the xm config holds a password ({@link XmConfig#isSecret}): then the bundle's copy of
     * it, its archive entry and {@code /etc/xen/<name>} on dom0 are for root alone (mode 0600).
     *
     * @return whether an {@code extraConfig} key is a password
     */
    public boolean xmConfigSecret() {
        return extraConfig.stream().anyMatch(setting -> XmConfig.isSecret(setting.key()));
    }

    /** {@return every device node the guest needs, disk by disk: the whole disk, then its partitions} */
    public List<DeviceNode> nodes() {
        return disks.stream()
                .flatMap(disk -> Stream.concat(Stream.of(disk.node()), disk.partitions().stream().map(ValidPartition::node)))
                .toList();
    }

    /** {@return every partition of every PV disk, in declaration order: the guest's PV fstab entries} */
    public List<ValidPartition> partitions() {
        return ValidDisk.allPartitions(disks);
    }

    /** {@return the PV partitions that hold file systems, in declaration order: what is mounted} */
    public List<ValidPartition> mounts() {
        return partitions().stream().filter(partition -> !partition.swap()).toList();
    }

    /** {@return the PV swap partitions, in declaration order: what swapon enables} */
    public List<ValidPartition> swaps() {
        return partitions().stream().filter(ValidPartition::swap).toList();
    }

    /** {@return the guest's PV interfaces ({@code eth0}, ...): their modules.conf aliases belong to the plugin's block} */
    public List<String> pvInterfaces() {
        return ValidNetwork.interfaceNames(networks);
    }

    /**
     * The devices and mount points the PV fstab entries own: any other fstab line naming one of
     * them as its device or mount point conflicts and is commented out. A swap partition owns its
     * device only; {@code swap} is every swap line's mount point.
     *
     * @return the claimed devices and mount points, partition by partition
     */
    public List<String> fstabClaims() {
        return ValidPartition.fstabClaims(partitions());
    }

    /** {@return the line that opens the plugin's block in this guest's files} */
    public String blockBegin() {
        return BaseFiles.blockBegin(name);
    }

    /** {@return the line that closes the plugin's block in this guest's files} */
    public String blockEnd() {
        return BaseFiles.blockEnd(name);
    }
}
