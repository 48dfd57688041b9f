package io.github.xenpv.render;

import io.github.xenpv.model.BaseFiles;
import io.github.xenpv.model.DeviceNode;
import io.github.xenpv.model.GrubEntry;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidBootDisk;
import io.github.xenpv.model.ValidDisk;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidNetwork;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.model.VifType;
import io.github.xenpv.model.XmSetting;
import io.github.xenpv.model.Xvd;
import java.util.List;

/**
 * What templates see as {@code guest}: the checked guest as plain properties (strings, whole
 * numbers, booleans, lists and the records below), every decision already made by the model.
 * This is the template API users rely on when they override a template; the README's data-model
 * tables list every property, and a test keeps the two in step.
 *
 * <p>{@code dom0Release} is {@code null} when the POM gives none (test with
 * {@code guest.dom0Release??}).
 */
public record GuestView(
        String name,
        String arch,
        String unameMachine,
        String release,
        String releaseTitle,
        boolean kernel26,
        String driverSource,
        boolean kmod,
        String inKernelRelease,
        String inKernelKernel,
        String firstSupportedRelease,
        String firstSupportedKernel,
        List<String> kmodCompanions,
        String moduleInitTools,
        BootOrder bootOrder,
        boolean netfrontByDefault,
        String kernel,
        String kernelVariant,
        String kernelRelease,
        String driverKernel,
        String driverKernelRelease,
        String driverRelease,
        String driverRpm,
        List<String> driverPackages,
        String driverDirectory,
        String driverSubdirectory,
        String moduleDirectory,
        boolean copiesDriverTree,
        boolean linksDriverTree,
        String moduleSuffix,
        String modulesConf,
        String moduleDep,
        List<String> moduleDepLines,
        int memory,
        int vcpus,
        String uuid,
        boolean uuidDerived,
        String dom0Arch,
        String deviceModel,
        String dom0Release,
        boolean noapic,
        String moduleLoading,
        boolean rcModules,
        List<String> pvModules,
        List<String> bootModules,
        List<String> loadedBootModules,
        List<String> modprobeModules,
        String platformModule,
        String blockModule,
        String nicModule,
        String blockDeviceName,
        int blockMajor,
        BootDisk bootDisk,
        List<EmulatedDisk> emulatedDisks,
        List<Network> networks,
        List<String> pvInterfaces,
        List<Disk> disks,
        List<Partition> partitions,
        List<Partition> mounts,
        List<Partition> swaps,
        List<Node> nodes,
        List<String> fstabClaims,
        Grub grub,
        List<String> fstabBase,
        List<String> modulesConfBase,
        List<Setting> extraConfig,
        List<Setting> xmConfig,
        boolean makesNodes,
        int nodeWaitSeconds,
        boolean xmConfigSecret,
        String nodeScript,
        String verifyScript,
        String blockBegin,
        String blockEnd,
        String replacedMark) {

    /** The emulated IDE disk the guest boots from. */
    public record BootDisk(String source, String device, String xmSpec) {
    }

    /** A data disk that stays on the emulated IDE driver. */
    public record EmulatedDisk(int index, String source, String device, String access, String xmSpec) {
    }

    /** A PV NIC. */
    public record Network(int index, String mac, boolean macDerived, String bridge, String type, boolean pvOnly,
            String interfaceName, String xmSpec) {
    }

    /** A PV disk; {@code device} is Xen's vdev, {@code node} the guest's node for the whole disk. */
    public record Disk(int index, String source, String device, Node node, String access, List<Partition> partitions,
            String xmSpec) {
    }

    /** A partition of a PV disk, with its fstab fields. */
    public record Partition(int number, Node node, String mountPoint, String fsType, String options, int dump, int pass,
            boolean swap, List<String> fstabClaims, String fstabLine) {
    }

    /** A block node under {@code /dev}. */
    public record Node(String name, String path, int minor, String kernelName, boolean renamed) {
    }

    /** The grub.conf entry of the declared kernel. */
    public record Grub(List<String> header, String title, String root, String kernelPath, String initrdPath,
            List<String> kernelArgs, String kernelLine, String kernelImage) {
    }

    /** Where rc.sysinit runs the steps that matter to a PV disk: line numbers of the release's initscripts. */
    public record BootOrder(String initscripts, int startUdev, int lvm, int rcModules, int remountRw, int fsck,
            int mountAll, int swapOn, boolean rootReadOnlyAtRcModules, boolean lvmBeforeRcModules) {
    }

    /** One xm config assignment: {@code value} is a whole number, a string or a list of strings. */
    public record Setting(String key, Object value) {
    }

    /**
     * The view of one checked guest.
     *
     * @param guest the checked guest
     * @return what templates see of it
     */
    public static GuestView of(ValidGuest guest) {
        return new GuestView(
                guest.name(),
                guest.arch().toString(),
                guest.arch().unameMachine(),
                guest.release().toString(),
                guest.release().title(),
                guest.release().kernel26(),
                guest.driverSource().toString(),
                guest.kmod(),
                guest.release().inKernelName(),
                guest.release().inKernelKernel(),
                guest.release().firstSupportedName(),
                guest.release().firstSupportedKernel(),
                guest.kmod() ? guest.release().kmodCompanions() : List.of(),
                guest.release().moduleInitTools(),
                bootOrder(guest.release().bootOrder()),
                guest.release().defaultVifType() == VifType.NETFRONT,
                guest.kernel(),
                guest.kernelVariant().suffix(),
                guest.kernelRelease(),
                guest.driverKernel(),
                guest.driverKernelRelease(),
                guest.driverRelease(),
                guest.driverRpm(),
                guest.driverPackages(),
                guest.driverDirectory(),
                guest.driverSubdirectory(),
                guest.moduleDirectory(),
                guest.copiesDriverTree(),
                guest.linksDriverTree(),
                guest.moduleSuffix(),
                guest.modulesConf(),
                guest.moduleDep(),
                guest.moduleDepLines(),
                guest.memory(),
                guest.vcpus(),
                guest.uuid(),
                guest.uuidDerived(),
                guest.dom0Arch().toString(),
                guest.dom0Arch().deviceModel(),
                guest.dom0Release(),
                guest.noapic(),
                guest.moduleLoading().toString(),
                guest.rcModules(),
                ValidGuest.PV_MODULES,
                guest.bootModules(),
                guest.loadedBootModules(),
                guest.modprobeModules(),
                ValidGuest.PLATFORM_DRIVER,
                ValidGuest.BLOCK_DRIVER,
                ValidGuest.NIC_DRIVER,
                Xvd.NAME,
                Xvd.MAJOR,
                bootDisk(guest.bootDisk()),
                guest.emulatedDisks().stream().map(disk -> new EmulatedDisk(disk.index(), disk.source(), disk.device(),
                        disk.access(), disk.xmSpec())).toList(),
                guest.networks().stream().map(GuestView::network).toList(),
                guest.pvInterfaces(),
                guest.disks().stream().map(GuestView::disk).toList(),
                partitions(guest.partitions()),
                partitions(guest.mounts()),
                partitions(guest.swaps()),
                guest.nodes().stream().map(GuestView::node).toList(),
                guest.fstabClaims(),
                grub(guest.grub()),
                guest.fstabBase(),
                guest.modulesConfBase(),
                settings(guest.extraConfig()),
                settings(guest.xmConfig()),
                guest.makesNodes(),
                ValidGuest.NODE_WAIT_SECONDS,
                guest.xmConfigSecret(),
                ValidGuest.NODE_SCRIPT,
                ValidGuest.VERIFY_SCRIPT,
                guest.blockBegin(),
                guest.blockEnd(),
                BaseFiles.REPLACED_MARK);
    }

    private static BootOrder bootOrder(Release.BootOrder order) {
        return new BootOrder(order.initscripts(), order.startUdev(), order.lvm(), order.rcModules(), order.remountRw(),
                order.fsck(), order.mountAll(), order.swapOn(), order.rootReadOnlyAtRcModules(), order.lvmBeforeRcModules());
    }

    private static BootDisk bootDisk(ValidBootDisk disk) {
        return new BootDisk(disk.source(), disk.device(), disk.xmSpec());
    }

    private static Network network(ValidNetwork network) {
        return new Network(network.index(), network.mac(), network.macDerived(), network.bridge(),
                network.type().toString(), network.pvOnly(), network.interfaceName(), network.xmSpec());
    }

    private static Disk disk(ValidDisk disk) {
        return new Disk(disk.index(), disk.source(), disk.device(), node(disk.node()), disk.access(),
                partitions(disk.partitions()), disk.xmSpec());
    }

    private static List<Partition> partitions(List<ValidPartition> partitions) {
        return partitions.stream().map(partition -> new Partition(partition.number(), node(partition.node()),
                partition.mountPoint(), partition.fsType(), partition.options(), partition.dump(), partition.pass(),
                partition.swap(), partition.fstabClaims(), partition.fstabLine())).toList();
    }

    private static Node node(DeviceNode node) {
        return new Node(node.name(), node.path(), node.minor(), node.kernelName(), node.renamed());
    }

    private static Grub grub(GrubEntry grub) {
        return new Grub(grub.header(), grub.title(), grub.root(), grub.kernelPath(), grub.initrdPath(), grub.kernelArgs(),
                grub.kernelLine(), grub.kernelImage());
    }

    private static List<Setting> settings(List<XmSetting> settings) {
        return settings.stream().map(setting -> new Setting(setting.key(), setting.value())).toList();
    }
}
