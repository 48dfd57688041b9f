package io.github.xenpv.model;

import java.util.List;

/**
 * A guest that passed every rule, with every default applied. The derived values the files need
 * (kernel release, module paths, device nodes, xm settings) are computed here, once, so that
 * templates only lay them out.
 *
 * <p>{@code uuid} and {@code dom0Release} are {@code null} when the POM gives none.
 */
public record ValidGuest(String name, Arch arch, String kernel, KernelVariant kernelVariant, String driverRelease,
        String driverRpm, int memory, int vcpus, String uuid, Dom0Arch dom0Arch, String dom0Release, boolean noapic,
        ModuleLoading moduleLoading, ValidBootDisk bootDisk, List<ValidNetwork> networks, List<ValidDisk> disks,
        GrubEntry grub, List<String> fstabBase, List<String> modulesConfBase, List<XmSetting> extraConfig) {

    /** The driver modules in the order the procedure loads them: the platform device first. */
    public static final List<String> PV_MODULES = List.of("xen-platform-pci", "xen-balloon", "xen-vbd", "xen-vnif");

    /** What boot must load before file systems on PV disks are checked: the platform device, then the block driver. */
    public static final List<String> BLOCK_MODULES = List.of("xen-platform-pci", "xen-vbd");

    /** The Xen name of the PV block device in {@code /proc/devices}. */
    public static final String BLOCK_DEVICE_NAME = "xvd";

    /**
     * A checked guest holding copies of the lists. The components are the declaration's values
     * with the defaults applied; the README's "Data model" describes each.
     *
     * @param name the Xen domain name
     * @param arch the guest kernel's architecture
     * @param kernel the kernel release without its variant, e.g. {@code 2.4.21-52.EL}
     * @param kernelVariant the kernel flavour
     * @param driverRelease the kmod-xenpv {@code %release}
     * @param driverRpm the file name or glob of the driver RPM
     * @param memory MiB of guest memory
     * @param vcpus virtual CPUs
     * @param uuid the domain's UUID in lower case, or {@code null}
     * @param dom0Arch the host's architecture
     * @param dom0Release the host's RHEL release, or {@code null}
     * @param noapic whether the kernel line gets {@code noapic}
     * @param moduleLoading where boot loads the PV block driver
     * @param bootDisk the emulated boot disk
     * @param networks the NICs, {@code eth0} first
     * @param disks the PV disks
     * @param grub the boot entry
     * @param fstabBase the fstab lines kept above the plugin's block
     * @param modulesConfBase the modules.conf lines kept above the plugin's block
     * @param extraConfig the user's extra xm settings
     */
    public ValidGuest {
        networks = List.copyOf(networks);
        disks = List.copyOf(disks);
        fstabBase = List.copyOf(fstabBase);
        modulesConfBase = List.copyOf(modulesConfBase);
        extraConfig = List.copyOf(extraConfig);
    }

    /** {@return what {@code uname -r} prints on the guest, e.g. {@code 2.4.21-52.ELsmp}} */
    public String kernelRelease() {
        return kernel + kernelVariant.suffix();
    }

    /** {@return where the kmod-xenpv RPM installs the modules built for the declared kernel} */
    public String driverDirectory() {
        return "/lib/modules/" + kernelRelease() + "/" + driverSubdirectory();
    }

    /**
     * The modules' folder inside a kernel's module tree. Scripts put it under
     * {@code /lib/modules/$(uname -r)}, where the procedure copies the modules.
     *
     * @return {@code extra/xenpv/} and the driver release
     */
    public String driverSubdirectory() {
        return "extra/xenpv/" + driverRelease;
    }

    /** {@return {@link #PV_MODULES}, for templates} */
    public List<String> pvModules() {
        return PV_MODULES;
    }

    /** {@return {@link #BLOCK_MODULES}, for templates} */
    public List<String> blockModules() {
        return BLOCK_MODULES;
    }

    /** {@return {@link #BLOCK_DEVICE_NAME}, for templates} */
    public String blockDeviceName() {
        return BLOCK_DEVICE_NAME;
    }

    /** {@return every device node the guest needs, disk by disk: the whole disk, then its partitions} */
    public List<DeviceNode> nodes() {
        return disks.stream()
                .flatMap(disk -> java.util.stream.Stream.concat(java.util.stream.Stream.of(disk.node()),
                        disk.partitions().stream().map(ValidPartition::node)))
                .toList();
    }

    /** {@return every partition of every PV disk, in declaration order: the guest's PV fstab entries} */
    public List<ValidPartition> partitions() {
        return disks.stream().flatMap(disk -> disk.partitions().stream()).toList();
    }

    /**
     * The devices and mount points the PV fstab entries own: any other fstab line naming one of
     * them as its device or mount point conflicts and is commented out. A swap partition owns its
     * device only; {@code swap} is every swap line's mount point.
     *
     * @return the claimed devices and mount points, partition by partition
     */
    public List<String> fstabClaims() {
        return partitions().stream().flatMap(partition -> partition.fstabClaims().stream()).toList();
    }

    /**
     * The line that opens the plugin's block in a guest file (modules.conf, rc.local, rc.modules,
     * fstab). The install script merges and removes exactly what lies between it and {@link #blockEnd()}.
     *
     * @return the marker line, naming the guest
     */
    public String blockBegin() {
        return "# BEGIN xenpv-maven-plugin block, guest " + name;
    }

    /** {@return the line that closes the plugin's block, see {@link #blockBegin()}} */
    public String blockEnd() {
        return "# END xenpv-maven-plugin block, guest " + name;
    }

    /** {@return the prefix of a base line the plugin commented out because a PV entry replaces it} */
    public String replacedMark() {
        return GuestValidator.REPLACED_MARK;
    }

    /** {@return the xm domain config, in the order it is written: the plugin's settings, then {@code extraConfig}} */
    public List<XmSetting> xmConfig() {
        return XmConfig.settings(this);
    }
}
