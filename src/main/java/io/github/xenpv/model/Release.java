package io.github.xenpv.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's RHEL release, which its {@code <kernel>} names ({@code 2.4.21-52.EL} is RHEL 3,
 * {@code 2.6.9-67.0.1.EL} RHEL 4, {@code 2.6.18-92.1.10.el5} RHEL 5), with every fact the bundle
 * takes from it: where the PV drivers come from, the kernel variants and architectures Red Hat
 * builds, which files boot reads and the stock base lines of the guest's own files. Facts and
 * their sources: RHEL45.md of the project; the ones no public source confirmed are listed in the
 * README ("What is not verified").
 */
public enum Release {

    /** RHEL 3: kernel 2.4.21, modutils, kmod-xenpv from Update 9 (2.4.21-50.EL) on. */
    RHEL3("rhel3", "RHEL 3", "2.4.21", "EL", "2.4.21-52.EL", 50, "RHEL 3 Update 9", Integer.MAX_VALUE, null,
            EnumSet.of(KernelVariant.UP, KernelVariant.SMP, KernelVariant.HUGEMEM),
            EnumSet.allOf(Arch.class)),
    /** RHEL 4: kernel 2.6.9, module-init-tools 3.1, udev; the drivers are in the kernel package from 4.7 (2.6.9-78) on. */
    RHEL4("rhel4", "RHEL 4", "2.6.9", "EL", "2.6.9-67.EL", 67, "RHEL 4 Update 6", 78, "RHEL 4.7",
            EnumSet.of(KernelVariant.UP, KernelVariant.SMP, KernelVariant.HUGEMEM, KernelVariant.LARGESMP),
            EnumSet.of(Arch.I686, Arch.X86_64)),
    /** RHEL 5: kernel 2.6.18, module-init-tools 3.3, udev; the drivers are in the kernel package from 5.3 (2.6.18-128) on. */
    RHEL5("rhel5", "RHEL 5", "2.6.18", "el5", "2.6.18-92.el5", 53, "RHEL 5.1", 128, "RHEL 5.3",
            EnumSet.of(KernelVariant.UP, KernelVariant.PAE), EnumSet.of(Arch.I686, Arch.X86_64));

    /**
     * Where the steps that decide a PV disk's fate lie in the release's {@code rc.d/rc.sysinit}
     * (initscripts {@code initscripts}, the fedora-sysv/initscripts branch of the release): the
     * line numbers of udev's start, LVM's activation, {@code /etc/rc.modules}, the root's remount
     * read-write, {@code fsck -A}, {@code mount -a} and {@code swapon}. RHEL 3 starts no udev (0).
     *
     * @param initscripts the initscripts version, e.g. {@code 7.93.35}
     * @param startUdev the line of {@code start_udev}, 0 on RHEL 3
     * @param lvm the line that activates LVM volume groups
     * @param rcModules the line that runs {@code /etc/rc.modules}
     * @param remountRw the line that remounts {@code /} read-write
     * @param fsck the line of {@code fsck -A}
     * @param mountAll the line of {@code mount -a}
     * @param swapOn the line of the {@code swapon} that enables fstab's swap
     */
    public record BootOrder(String initscripts, int startUdev, int lvm, int rcModules, int remountRw, int fsck,
            int mountAll, int swapOn) {

        /** {@return whether {@code /} is still read-only when rc.sysinit runs {@code /etc/rc.modules} (RHEL 5)} */
        public boolean rootReadOnlyAtRcModules() {
            return remountRw > rcModules;
        }

        /** {@return whether LVM is active before {@code /etc/rc.modules} runs (RHEL 3 and 4): a volume group on a PV disk would miss it} */
        public boolean lvmBeforeRcModules() {
            return lvm < rcModules;
        }
    }

    /** What an errata kernel adds after the build number: up to four dotted sub-builds, {@code 2.6.18-92.1.10.el5}. */
    private static final String SUB_BUILDS = "((?:\\.[0-9]{1,4}){0,4})";

    /** A variant suffix glued to a kernel release, of any release, including the PV kernels': what {@code uname -r} adds. */
    private static final String ANY_SUFFIX = "(smp|hugemem|largesmp|PAE|xenU|xen)";

    private final String pomValue;
    private final String title;
    private final String kernelStem;
    private final String kernelTail;
    private final String exampleKernel;
    private final int firstSupportedBuild;
    private final String firstSupportedName;
    private final int inKernelBuild;
    private final String inKernelName;
    private final Set<KernelVariant> variants;
    private final Set<Arch> arches;
    private final Pattern kernel;
    private final Pattern kernelWithSuffix;

    Release(String pomValue, String title, String kernelStem, String kernelTail, String exampleKernel,
            int firstSupportedBuild, String firstSupportedName, int inKernelBuild, String inKernelName,
            Set<KernelVariant> variants, Set<Arch> arches) {
        this.pomValue = pomValue;
        this.title = title;
        this.kernelStem = kernelStem;
        this.kernelTail = kernelTail;
        this.exampleKernel = exampleKernel;
        this.firstSupportedBuild = firstSupportedBuild;
        this.firstSupportedName = firstSupportedName;
        this.inKernelBuild = inKernelBuild;
        this.inKernelName = inKernelName;
        this.variants = variants;
        this.arches = arches;
        String release = Pattern.quote(kernelStem) + "-([0-9]{1,4})" + SUB_BUILDS + "\\." + Pattern.quote(kernelTail);
        this.kernel = Pattern.compile(release);
        this.kernelWithSuffix = Pattern.compile("(" + release + ")" + ANY_SUFFIX);
    }

    /**
     * The release whose kernel form {@code kernel} has, without a variant.
     *
     * @param kernel a kernel release as written in {@code <kernel>}, e.g. {@code 2.6.9-67.0.1.EL}
     * @return the release, or empty when it is no RHEL 3, 4 or 5 kernel release
     */
    public static Optional<Release> ofKernel(String kernel) {
        for (Release release : values()) {
            if (release.kernel.matcher(kernel).matches()) {
                return Optional.of(release);
            }
        }
        return Optional.empty();
    }

    /**
     * A kernel release as {@code uname -r} prints it, split into its release and its variant: the
     * import reads grub.conf's {@code vmlinuz-2.6.9-67.0.1.ELsmp} this way.
     *
     * @param kernelRelease what {@code uname -r} prints, e.g. {@code 2.6.18-92.el5PAE}
     * @return the release without the variant and the variant's suffix (empty for none), or empty
     *     when it is no RHEL 3, 4 or 5 kernel
     */
    public static Optional<List<String>> splitKernelRelease(String kernelRelease) {
        for (Release release : values()) {
            if (release.kernel.matcher(kernelRelease).matches()) {
                return Optional.of(List.of(kernelRelease, ""));
            }
            Matcher suffixed = release.kernelWithSuffix.matcher(kernelRelease);
            if (suffixed.matches()) {
                return Optional.of(List.of(suffixed.group(1), suffixed.group(4)));
            }
        }
        return Optional.empty();
    }

    /** {@return the kernel form with a variant glued on ({@code 2.6.9-67.ELsmp}): group 1 the release, group 4 the suffix} */
    Matcher withSuffix(String kernel) {
        return kernelWithSuffix.matcher(kernel);
    }

    /**
     * The kernel's build number, the {@code 67} of {@code 2.6.9-67.0.1.EL}: the update it belongs
     * to, and whether the PV drivers are in it.
     *
     * @param kernel a kernel release of this release, without variant
     * @return its build number
     */
    public int build(String kernel) {
        Matcher release = this.kernel.matcher(kernel);
        if (!release.matches()) {
            throw new IllegalArgumentException(kernel + " is not a " + title + " kernel release");
        }
        return Integer.parseInt(release.group(1));
    }

    /**
     * Where a guest of this release running {@code kernel} gets its PV drivers: kmod-xenpv before
     * RHEL 4.7 (2.6.9-78) and RHEL 5.3 (2.6.18-128), the kernel package itself from then on, and
     * always kmod-xenpv on RHEL 3.
     *
     * @param kernel a kernel release of this release, without variant
     * @return the driver source
     */
    public DriverSource driverSource(String kernel) {
        return build(kernel) >= inKernelBuild ? DriverSource.IN_KERNEL : DriverSource.KMOD;
    }

    /**
     * The order of the release's boot, read in initscripts {@code r7-31-31-EL} (RHEL 3; LVM1's
     * {@code vgscan} at line 347), {@code rhel4-branch} at 7d9fd525 (7.93.35) and
     * {@code rhel5-branch} at d363f1fa (8.45.45) of github.com/fedora-sysv/initscripts.
     *
     * @return the lines of the steps that matter to a PV disk
     */
    public BootOrder bootOrder() {
        return switch (this) {
            case RHEL3 -> new BootOrder("7.31.31.EL", 0, 347, 443, 341, 538, 584, 719);
            case RHEL4 -> new BootOrder("7.93.35", 169, 518, 554, 488, 696, 746, 889);
            case RHEL5 -> new BootOrder("8.45.45", 343, 459, 351, 714, 643, 742, 906);
        };
    }

    /** {@return the module-init-tools version whose modprobe reads the guest's modules.dep: 3.1 (RHEL 4), 3.3 (RHEL 5); null on RHEL 3 (modutils)} */
    public String moduleInitTools() {
        return switch (this) {
            case RHEL3 -> null;
            case RHEL4 -> "3.1";
            case RHEL5 -> "3.3";
        };
    }

    /**
     * The packages that come with kmod-xenpv for this release, in the order they install: on RHEL
     * 4.6 the updated module-init-tools, then modversions, which kmod-xenpv requires (Red Hat BZ
     * 487479; the updated module-init-tools obsoletes modversions, so it goes first).
     *
     * @return the package names, empty on RHEL 3 and 5
     */
    public List<String> kmodCompanions() {
        return this == RHEL4 ? List.of("module-init-tools", "modversions") : List.of();
    }

    /** {@return the first kernel of the update the PV drivers need, e.g. {@code 2.6.9-67}} */
    public String firstSupportedKernel() {
        return kernelStem + "-" + firstSupportedBuild;
    }

    /** {@return the first kernel that carries the drivers in its package, e.g. {@code 2.6.9-78}; null on RHEL 3} */
    public String inKernelKernel() {
        return inKernelName == null ? null : kernelStem + "-" + inKernelBuild;
    }

    /** {@return whether the guest runs a 2.6 kernel: module-init-tools, modprobe.conf, {@code .ko} modules and udev} */
    public boolean kernel26() {
        return this != RHEL3;
    }

    /** {@return the release's name as a reader knows it, e.g. {@code RHEL 4}} */
    public String title() {
        return title;
    }

    /** {@return the kernel release form, e.g. {@code 2.6.9-<build>[.<sub-build>...].EL}} */
    public String kernelForm() {
        return kernelStem + "-<build>[.<sub-build>...]." + kernelTail;
    }

    /** {@return a kernel release of this release, for messages: {@code 2.6.9-67.EL}} */
    public String exampleKernel() {
        return exampleKernel;
    }

    /** {@return the first build the PV drivers support, e.g. 67 for RHEL 4 Update 6 (2.6.9-67.EL)} */
    public int firstSupportedBuild() {
        return firstSupportedBuild;
    }

    /** {@return the update that build is, e.g. {@code RHEL 4 Update 6}} */
    public String firstSupportedName() {
        return firstSupportedName;
    }

    /** {@return the update from which the kernel package carries the drivers, e.g. {@code RHEL 4.7}; null on RHEL 3} */
    public String inKernelName() {
        return inKernelName;
    }

    /** {@return the kernel variants Red Hat builds for this release and the PV drivers support} */
    public Set<KernelVariant> variants() {
        return variants;
    }

    /** {@return the architectures Red Hat builds this release's kernels and PV drivers for} */
    public Set<Arch> arches() {
        return arches;
    }

    /** {@return the suffix of a kernel module file: {@code .o} on 2.4, {@code .ko} on 2.6} */
    public String moduleSuffix() {
        return kernel26() ? ".ko" : ".o";
    }

    /** {@return the configuration file of the module loader that holds the NIC aliases} */
    public String modulesConf() {
        return kernel26() ? "/etc/modprobe.conf" : "/etc/modules.conf";
    }

    /**
     * The name {@code /proc/modules} lists a module under: 2.6's kbuild turns {@code -} into
     * {@code _} ({@code xen_vbd}); 2.4 keeps the file's name.
     *
     * @param module a module's file name without suffix, e.g. {@code xen-vbd}
     * @return its name in {@code /proc/modules}
     */
    public String loadedName(String module) {
        return kernel26() ? module.replace('-', '_') : module;
    }

    /**
     * The {@code <fstabBase>} of a guest that leaves it out: the fstab anaconda writes for this
     * release's default layout (RHEL 3 by label; RHEL 4 and 5 with root and swap on LVM, and the
     * {@code sysfs} line).
     *
     * @return the base lines, one space between fields
     */
    public List<String> stockFstab() {
        return switch (this) {
            case RHEL3 -> BaseFiles.STOCK_FSTAB;
            case RHEL4 -> List.of(
                    LVM_ROOT + " / ext3 defaults 1 1",
                    "LABEL=/boot /boot ext3 defaults 1 2",
                    "none /dev/pts devpts gid=5,mode=620 0 0",
                    "none /dev/shm tmpfs defaults 0 0",
                    "none /proc proc defaults 0 0",
                    "none /sys sysfs defaults 0 0",
                    LVM_SWAP + " swap swap defaults 0 0");
            case RHEL5 -> List.of(
                    LVM_ROOT + " / ext3 defaults 1 1",
                    "LABEL=/boot /boot ext3 defaults 1 2",
                    "tmpfs /dev/shm tmpfs defaults 0 0",
                    "devpts /dev/pts devpts gid=5,mode=620 0 0",
                    "sysfs /sys sysfs defaults 0 0",
                    "proc /proc proc defaults 0 0",
                    LVM_SWAP + " swap swap defaults 0 0");
        };
    }

    /** The root logical volume of anaconda's default RHEL 4 and 5 layout. */
    public static final String LVM_ROOT = "/dev/VolGroup00/LogVol00";

    /** The swap logical volume of anaconda's default RHEL 4 and 5 layout. */
    public static final String LVM_SWAP = "/dev/VolGroup00/LogVol01";

    /** {@return the {@code root=} of a guest that leaves {@code <grub><rootDevice>} out: {@code LABEL=/} on RHEL 3, the LVM root on RHEL 4 and 5} */
    public String defaultRootDevice() {
        return kernel26() ? LVM_ROOT : Grub.DEFAULT_ROOT_DEVICE;
    }

    /**
     * The lines of the bundle's grub.conf above its boot entry: anaconda's for the release (RHEL 4
     * and 5 show a splash image and hide the menu).
     *
     * @param grubRoot the GRUB device holding {@code /boot}, e.g. {@code (hd0,0)}
     * @param separateBoot whether {@code /boot} is a partition of its own
     * @return the lines, in order
     */
    public List<String> grubHeader(String grubRoot, boolean separateBoot) {
        return kernel26()
                ? List.of("default=0", "timeout=5", "splashimage=" + grubRoot + (separateBoot ? "" : "/boot")
                        + "/grub/splash.xpm.gz", "hiddenmenu")
                : List.of("default=0", "timeout=10");
    }

    /**
     * The vif type of a NIC that leaves {@code <type>} out: {@code netfront} on RHEL 5, whose udev
     * can give eth0 to the emulated Realtek before xen-vnif loads; the guide's typeless vif on RHEL 3 and 4.
     *
     * @return the default vif type
     */
    public VifType defaultVifType() {
        return this == RHEL5 ? VifType.NETFRONT : VifType.TYPELESS;
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
