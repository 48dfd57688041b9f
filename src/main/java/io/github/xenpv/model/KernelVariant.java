package io.github.xenpv.model;

/**
 * Kernel flavours: the suffix of {@code uname -r} and of the module tree's folder. Which release
 * builds which, and for which architecture, is {@link Release#variants} and {@link #builtFor}.
 */
public enum KernelVariant {
    /** The uniprocessor kernel, with no suffix (on RHEL 5 the default kernel, SMP-capable). */
    UP(""),
    /** The multiprocessor kernel of RHEL 3 and 4, {@code ...ELsmp}. */
    SMP("smp"),
    /** The i686 kernel of RHEL 3 and 4 for more than 16 GiB of memory, {@code ...ELhugemem}. */
    HUGEMEM("hugemem"),
    /** The x86_64 kernel of RHEL 4 for more than 8 CPUs, {@code ...ELlargesmp}. */
    LARGESMP("largesmp"),
    /** The i686 kernel of RHEL 5 with PAE, {@code ...el5PAE}. */
    PAE("PAE");

    private final String suffix;

    KernelVariant(String suffix) {
        this.suffix = suffix;
    }

    /** {@return the text appended to the kernel release, e.g. {@code smp} in {@code 2.4.21-52.ELsmp}} */
    public String suffix() {
        return suffix;
    }

    /**
     * Whether Red Hat builds this variant for {@code arch}: hugemem and PAE only for i686, largesmp
     * only for x86_64, the others for every architecture.
     *
     * @param arch the guest's architecture
     * @return whether this variant exists for it
     */
    public boolean builtFor(Arch arch) {
        return switch (this) {
            case HUGEMEM, PAE -> arch == Arch.I686;
            case LARGESMP -> arch == Arch.X86_64;
            default -> true;
        };
    }

    @Override
    public String toString() {
        return suffix;
    }
}
