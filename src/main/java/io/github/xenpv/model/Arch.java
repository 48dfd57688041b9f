package io.github.xenpv.model;

/**
 * Guest architectures that Red Hat builds {@code kmod-xenpv} for on RHEL 3. Each maps to what
 * {@code uname -m} prints on a running guest, which the install script checks before it changes
 * anything.
 */
public enum Arch {
    /** {@code i686}: 32-bit Intel; {@code uname -m} prints {@code i686}. */
    I686("i686", "i686"),
    /** {@code athlon}: 32-bit AMD; {@code uname -m} prints {@code i686}. */
    ATHLON("athlon", "i686"),
    /** {@code ia32e}: Red Hat's name for 64-bit Intel; {@code uname -m} prints {@code x86_64}. */
    IA32E("ia32e", "x86_64"),
    /** {@code x86_64}: 64-bit AMD and Intel. */
    X86_64("x86_64", "x86_64");

    private final String pomValue;
    private final String unameMachine;

    Arch(String pomValue, String unameMachine) {
        this.pomValue = pomValue;
        this.unameMachine = unameMachine;
    }

    /** {@return what {@code uname -m} prints on a guest running this architecture's kernel} */
    public String unameMachine() {
        return unameMachine;
    }

    /** {@return whether the guest kernel is 64-bit: only a 64-bit hypervisor runs it} */
    public boolean is64Bit() {
        return unameMachine.equals("x86_64");
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
