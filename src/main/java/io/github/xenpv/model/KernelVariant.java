package io.github.xenpv.model;

/** RHEL 3 kernel flavours: the suffix of {@code uname -r} and of the module tree's folder. */
public enum KernelVariant {
    /** The uniprocessor kernel, with no suffix. */
    UP(""),
    /** The multiprocessor kernel, {@code ...ELsmp}. */
    SMP("smp"),
    /** The i686 kernel for more than 16 GiB of memory, {@code ...ELhugemem}. */
    HUGEMEM("hugemem");

    private final String suffix;

    KernelVariant(String suffix) {
        this.suffix = suffix;
    }

    /** {@return the text appended to the kernel release, e.g. {@code smp} in {@code 2.4.21-52.ELsmp}} */
    public String suffix() {
        return suffix;
    }


    @Override
    public String toString() {
        return suffix;
    }
}
