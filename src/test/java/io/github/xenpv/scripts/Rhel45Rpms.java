package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stand-ins for Red Hat's driver packages of RHEL 4 and 5, built with rpmbuild in a scratch
 * {@code _topdir}: kmod-xenpv (or kmod-xenpv-VARIANT) with the stand-in modules built for the
 * driver kernel under {@code /lib/modules/<driver kernel>/extra/xenpv/<release>/} and kmodtool's
 * %post (depmod -aeF for that kernel, weak-modules --add-modules for the others, and a mark that
 * it ran); for RHEL 4 it requires modversions, which comes with an updated module-init-tools
 * (Red Hat BZ 487479 lists the three). What they cannot show: the real packages' other files and
 * dependencies, and whether the updated module-init-tools of the RHEL 4.6 kit obsoletes
 * modversions (4.7's does; installed after modversions in one transaction it would remove it).
 */
final class Rhel45Rpms {

    /** The file kmod-xenpv's %post leaves in the guest when it ran (it must not, on an image install). */
    static final String POST_MARK = "var/log/kmod-xenpv-post.ran";

    /** The module-init-tools RHEL 4.6 has before the kit's update. */
    static final String OLD_MODULE_INIT_TOOLS = "3.1-0.pre5.3.4";

    private Rhel45Rpms() {
    }

    /** The driver RPMs of {@code guest}, built against {@code driverKernel}: kmod-xenpv, and for RHEL 4 its companions. */
    static List<Path> build(Path topdir, ValidGuest guest, Kernel26 driverKernel) throws IOException {
        List<Path> rpms = new ArrayList<>();
        String name = guest.kernelVariant().suffix().isEmpty() ? "kmod-xenpv" : "kmod-xenpv-" + guest.kernelVariant().suffix();
        String folder = guest.driverDirectory().substring(1);
        StringBuilder install = new StringBuilder("mkdir -p %{buildroot}/" + folder + "\n");
        driverKernel.pvModules().forEach((file, text) -> install.append("cat > %{buildroot}/").append(folder).append('/')
                .append(file).append(" <<'STANDIN'\n").append(text).append("STANDIN\n"));
        String post = "/sbin/depmod -aeF /boot/System.map-" + guest.driverKernelRelease() + " " + guest.driverKernelRelease()
                + " > /dev/null || :\nls /" + folder + "/*.ko | /sbin/weak-modules --add-modules || :\n"
                + "echo ran > /" + POST_MARK + "\n";
        String[] version = guest.driverRelease().split("-", 2);
        rpms.add(rpm(topdir, name, version[0], version.length > 1 ? version[1] : "1",
                guest.release() == Release.RHEL4 ? "Requires: modversions" : "", install.toString(), "/" + folder, post));
        if (guest.release() == Release.RHEL4) {
            rpms.add(doc(topdir, "modversions", "1.0", "4.el4_6.1", ""));
            rpms.add(doc(topdir, "module-init-tools", "3.1", "0.pre5.3.10", ""));
        }
        return rpms;
    }

    /** RHEL 4.6's own module-init-tools, to be in the image's rpm database before the kit's update. */
    static Path oldModuleInitTools(Path topdir) throws IOException {
        String[] version = OLD_MODULE_INIT_TOOLS.split("-", 2);
        return doc(topdir, "module-init-tools", version[0], version[1], "");
    }

    /** The image's shell package, in its rpm database: what kmod-xenpv's %post needs (/bin/sh). */
    static Path shell(Path topdir) throws IOException {
        return doc(topdir, "bash", "3.0", "19.el4", "Provides: /bin/sh");
    }

    /** A package holding one documentation file: the companions, whose content does not matter here. */
    private static Path doc(Path topdir, String name, String version, String release, String header) throws IOException {
        String folder = "usr/share/doc/" + name + "-" + version;
        return rpm(topdir, name, version, release, header, "mkdir -p %{buildroot}/" + folder + "\necho " + name
                + " > %{buildroot}/" + folder + "/README\n", "/" + folder, "");
    }

    private static Path rpm(Path topdir, String name, String version, String release, String header, String install,
            String files, String post) throws IOException {
        Checkers.require(Checkers.Tool.RPMBUILD);
        Files.createDirectories(topdir);
        Path spec = topdir.resolve(name + "-" + release + ".spec");
        Files.writeString(spec, "Name: " + name + "\nVersion: " + version + "\nRelease: " + release + "\n"
                + "Summary: stand-in for Red Hat's " + name + "\nLicense: GPL\nBuildArch: noarch\nAutoReqProv: no\n"
                + header + "\n%define debug_package %{nil}\n%define __os_install_post %{nil}\n%description\nstand-in\n"
                + "%install\n" + install + "%files\n" + files + "\n" + (post.isEmpty() ? "" : "%post\n" + post));
        Result built = ScratchGuest.run(List.of("rpmbuild", "--define", "_topdir " + topdir, "--quiet", "-bb",
                spec.toString()), Map.of(), null);
        assertEquals(0, built.exit(), built::describe);
        try (Stream<Path> rpms = Files.walk(topdir.resolve("RPMS"))) {
            return rpms.filter(p -> p.getFileName().toString().startsWith(name + "-" + version + "-" + release + "."))
                    .findFirst().orElseThrow();
        }
    }
}
