package io.github.xenpv.render;

import io.github.xenpv.model.ValidGuest;
import java.util.List;
import java.util.function.Predicate;

/**
 * The files of a guest's bundle and the template each comes from. A template's path is the
 * file's path plus {@code .ftl}, with {@code NAME} standing for the guest's name and
 * {@code KERNEL} for the folder of its kernel's module tree ({@code uname -r}).
 */
public final class BundleLayout {

    /** The placeholder for the guest's name in a template path. */
    static final String NAME = "NAME";

    /** The placeholder for the guest's {@code uname -r} in a template path: a folder of {@code /lib/modules}. */
    static final String KERNEL = "KERNEL";

    /**
     * One bundle file: its template, whether it is executable (mode 0755), when the bundle has it,
     * and when it holds a secret (mode 0600, root's alone).
     */
    public record Entry(String template, boolean executable, Predicate<ValidGuest> present, Predicate<ValidGuest> secret) {

        /** A file that never holds a secret. */
        Entry(String template, boolean executable, Predicate<ValidGuest> present) {
            this(template, executable, present, guest -> false);
        }

        /**
         * The file's path in the guest's bundle folder.
         *
         * @param guest the guest, whose name replaces {@code NAME}
         * @return the path, relative to the guest's folder
         */
        public String path(ValidGuest guest) {
            String path = template.substring(0, template.length() - ".ftl".length())
                    .replace("/" + KERNEL + "/", "/" + guest.kernelRelease() + "/");
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).equals(NAME) ? path.substring(0, slash + 1) + guest.name() : path;
        }
    }

    private static final Predicate<ValidGuest> ALWAYS = guest -> true;
    /** RHEL 3: modutils, rc.local, a static /dev. */
    private static final Predicate<ValidGuest> RHEL3 = guest -> !guest.release().kernel26();
    /** RHEL 4 and 5: module-init-tools and udev. */
    private static final Predicate<ValidGuest> KERNEL26 = guest -> guest.release().kernel26();

    private static final List<Entry> ENTRIES = List.of(
            new Entry("README.txt.ftl", false, ALWAYS),
            new Entry("dom0/etc/xen/" + NAME + ".ftl", false, ALWAYS, ValidGuest::xmConfigSecret),
            new Entry("dom0/install-dom0.sh.ftl", true, ALWAYS),
            new Entry("guest/etc/modules.conf.ftl", false, RHEL3),
            new Entry("guest/etc/modprobe.conf.ftl", false, KERNEL26),
            new Entry("guest/etc/rc.d/rc.local.ftl", true, RHEL3),
            new Entry("guest/etc/rc.modules.ftl", true, ValidGuest::rcModules),
            new Entry("guest/etc/fstab.ftl", false, ALWAYS),
            new Entry("guest/boot/grub/grub.conf.ftl", false, ALWAYS),
            new Entry("guest/lib/modules/" + KERNEL + "/modules.dep.ftl", false,
                    guest -> !guest.moduleDepLines().isEmpty()),
            new Entry("guest" + ValidGuest.NODE_SCRIPT + ".ftl", true, ValidGuest::makesNodes),
            new Entry("guest" + ValidGuest.VERIFY_SCRIPT + ".ftl", true, ALWAYS),
            new Entry("guest/install-guest.sh.ftl", true, ALWAYS));

    private BundleLayout() {
    }

    /**
     * The files a guest's bundle has.
     *
     * @param guest the checked guest
     * @return its entries, in a fixed order
     */
    public static List<Entry> entries(ValidGuest guest) {
        return ENTRIES.stream().filter(entry -> entry.present().test(guest)).toList();
    }
}
