package io.github.xenpv.model;

/**
 * Where the guest loads the PV block driver at boot. {@code rc.modules} runs from rc.sysinit
 * before file systems are checked and mounted, so fstab entries on PV disks work at boot;
 * {@code rc.local} (the procedure's choice) runs last, after that point.
 */
public enum ModuleLoading {
    /** {@code /etc/rc.modules}, run by rc.sysinit before fstab is checked and mounted. */
    RC_MODULES("rc.modules"),
    /** {@code /etc/rc.local}, run at the end of boot: PV file systems must then be {@code noauto}. */
    RC_LOCAL("rc.local");

    private final String pomValue;

    ModuleLoading(String pomValue) {
        this.pomValue = pomValue;
    }


    @Override
    public String toString() {
        return pomValue;
    }
}
