package io.github.xenpv.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * A guest that passed every rule, with every default applied and its xm config computed. The
 * derived values the files need (kernel release, module paths, device nodes, mounts, where boot
 * loads the drivers) are computed here, once, so that templates only lay them out.
 *
 * <p>{@code uuid} and {@code dom0Release} are {@code null} when the POM gives none.
 */
public record ValidGuest(String name, Arch arch, String kernel, KernelVariant kernelVariant, String driverRelease,
        String driverRpm, int memory, int vcpus, String uuid, Dom0Arch dom0Arch, String dom0Release, boolean noapic,
        ModuleLoading moduleLoading, ValidBootDisk bootDisk, List<ValidNetwork> networks, List<ValidDisk> disks,
        GrubEntry grub, List<String> fstabBase, List<String> modulesConfBase, List<XmSetting> extraConfig,
        List<XmSetting> xmConfig) {

    /** The PV block driver. */
    public static final String BLOCK_DRIVER = "xen-vbd";

    /** The PV network driver, which modules.conf aliases every PV interface to. */
    public static final String NIC_DRIVER = "xen-vnif";

    /** The driver modules in the order the procedure loads them: the platform device first. */
    public static final List<String> PV_MODULES = List.of("xen-platform-pci", "xen-balloon", BLOCK_DRIVER, NIC_DRIVER);

    /** What boot must load before file systems on PV disks are checked: the platform device, then the block driver. */
    public static final List<String> BLOCK_MODULES = List.of("xen-platform-pci", BLOCK_DRIVER);

    public ValidGuest {
        networks = List.copyOf(networks);
        disks = List.copyOf(disks);
        fstabBase = List.copyOf(fstabBase);
        modulesConfBase = List.copyOf(modulesConfBase);
        extraConfig = List.copyOf(extraConfig);
        xmConfig = List.copyOf(xmConfig);
    }

    /** What {@code uname -r} prints on the guest, e.g. {@code 2.4.21-52.ELsmp}. */
    public String kernelRelease() {
        return kernel + kernelVariant.suffix();
    }

    /** Where the kmod-xenpv RPM installs the modules built for the declared kernel. */
    public String driverDirectory() {
        return "/lib/modules/" + kernelRelease() + "/" + driverSubdirectory();
    }

    /**
     * The modules' folder inside a kernel's module tree. Scripts put it under
     * {@code /lib/modules/$(uname -r)}, where the procedure copies the modules.
     */
    public String driverSubdirectory() {
        return "extra/xenpv/" + driverRelease;
    }

    public List<String> pvModules() {
        return PV_MODULES;
    }

    public List<String> blockModules() {
        return BLOCK_MODULES;
    }

    /**
     * Whether the bundle has {@code /etc/rc.modules}, which rc.sysinit runs before it checks and
     * mounts file systems: there boot loads the block driver and creates the nodes, and rc.local
     * loads the same modules again only if that did not happen. Without it ({@code moduleLoading}
     * rc.local) rc.local loads them, creates the nodes and mounts the PV file systems itself.
     */
    public boolean rcModules() {
        return moduleLoading == ModuleLoading.RC_MODULES;
    }

    /** Every device node the guest needs, disk by disk: the whole disk, then its partitions. */
    public List<DeviceNode> nodes() {
        return disks.stream()
                .flatMap(disk -> Stream.concat(Stream.of(disk.node()), disk.partitions().stream().map(ValidPartition::node)))
                .toList();
    }

    /** Every partition of every PV disk, in declaration order: the guest's PV fstab entries. */
    public List<ValidPartition> partitions() {
        return ValidDisk.allPartitions(disks);
    }

    /** The PV partitions that hold file systems, in declaration order: what is mounted. */
    public List<ValidPartition> mounts() {
        return partitions().stream().filter(partition -> !partition.swap()).toList();
    }

    /** The PV swap partitions, in declaration order: what swapon enables. */
    public List<ValidPartition> swaps() {
        return partitions().stream().filter(ValidPartition::swap).toList();
    }

    /** The guest's PV interfaces ({@code eth0}, ...): their modules.conf aliases belong to the plugin's block. */
    public List<String> pvInterfaces() {
        return ValidNetwork.interfaceNames(networks);
    }

    /**
     * The devices and mount points the PV fstab entries own: any other fstab line naming one of
     * them as its device or mount point conflicts and is commented out. A swap partition owns its
     * device only; {@code swap} is every swap line's mount point.
     */
    public List<String> fstabClaims() {
        return ValidPartition.fstabClaims(partitions());
    }

    /** The line that opens the plugin's block in this guest's files. */
    public String blockBegin() {
        return BaseFiles.blockBegin(name);
    }

    /** The line that closes the plugin's block in this guest's files. */
    public String blockEnd() {
        return BaseFiles.blockEnd(name);
    }
}
