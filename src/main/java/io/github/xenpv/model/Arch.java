package io.github.xenpv.model;

/**
 * Guest architectures that Red Hat builds {@code kmod-xenpv} for on RHEL 3. Each maps to what
 * {@code uname -m} prints on a running guest, which the install script checks before it changes
 * anything.
 */
public enum Arch {
    I686("i686", "i686"),
    ATHLON("athlon", "i686"),
    IA32E("ia32e", "x86_64"),
    X86_64("x86_64", "x86_64");

    private final String pomValue;
    private final String unameMachine;

    Arch(String pomValue, String unameMachine) {
        this.pomValue = pomValue;
        this.unameMachine = unameMachine;
    }

    /** What {@code uname -m} prints on a guest running this architecture's kernel. */
    public String unameMachine() {
        return unameMachine;
    }

    /** Whether the guest kernel is 64-bit: only a 64-bit hypervisor runs it. */
    public boolean is64Bit() {
        return unameMachine.equals("x86_64");
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
