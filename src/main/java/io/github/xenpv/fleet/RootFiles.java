package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.BlkidCache;
import io.github.xenpv.guestroot.BlockNode;
import io.github.xenpv.guestroot.FstabEntry;
import io.github.xenpv.guestroot.GrubConf;
import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.guestroot.RedhatRelease;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.Xvd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the import reads from a guest root: redhat-release, fstab, the module loader's config
 * (modules.conf on RHEL 3, modprobe.conf on RHEL 4 and 5), grub.conf, the blkid cache, the kernel
 * module trees and the PV disk nodes in {@code /dev}.
 */
record RootFiles(GuestRoot root, Optional<GuestFile> redhatRelease, Optional<Fstab> fstab, Optional<GuestFile> modulesConf,
        Optional<GrubConf> grubConf, BlkidCache blkid, List<String> kernelTrees, List<BlockNode> pvNodes) {

    /** {@return the release redhat-release names, if it names RHEL or CentOS 3, 4 or 5} */
    Optional<RedhatRelease> release() {
        return redhatRelease.flatMap(RedhatRelease::parse);
    }

    /** {@return the file name of the module loader's config the guest has: modprobe.conf or modules.conf} */
    String modulesConfName() {
        return modulesConf.map(file -> file.where().substring(file.where().lastIndexOf('/') + 1))
                .orElse(release().map(found -> found.release().modulesConf()).orElse("/etc/modules.conf")
                        .substring("/etc/".length()));
    }

    /**
     * The guest's fstab, split once around the plugin's block, with the mount entries on either
     * side of it.
     *
     * @param file    the file, for where its lines are
     * @param block   its lines, inside and outside the plugin's block
     * @param outside the mount entries of the guest's own lines
     * @param inside  the mount entries of the plugin's block
     */
    record Fstab(GuestFile file, PluginBlock block, List<FstabEntry> outside, List<FstabEntry> inside) {

        static Fstab of(GuestFile file) {
            PluginBlock block = PluginBlock.split(file);
            return new Fstab(file, block, entries(block.outside()), entries(block.inside()));
        }

        private static List<FstabEntry> entries(List<PluginBlock.Line> lines) {
            List<FstabEntry> entries = new ArrayList<>();
            lines.forEach(line -> FstabEntry.parse(line.number(), line.text()).ifPresent(entries::add));
            return List.copyOf(entries);
        }
    }

    static RootFiles load(GuestRoot root) throws IOException {
        Optional<GuestFile> blkid = root.firstFile("/etc/blkid.tab", "/etc/blkid/blkid.tab");
        Optional<GuestFile> redhatRelease = root.file("/etc/redhat-release");
        Optional<Release> release = redhatRelease.flatMap(RedhatRelease::parse).map(RedhatRelease::release);
        // The release's own file; without a release, modprobe.conf when the guest has it (2.6), else modules.conf.
        Optional<GuestFile> modulesConf = release.isPresent() ? root.file(release.get().modulesConf())
                : root.firstFile("/etc/modprobe.conf", "/etc/modules.conf");
        return new RootFiles(root, redhatRelease, root.file("/etc/fstab").map(Fstab::of), modulesConf,
                root.firstFile("/boot/grub/grub.conf", "/etc/grub.conf", "/boot/grub/menu.lst").map(GrubConf::parse),
                blkid.map(BlkidCache::parse).orElse(BlkidCache.empty()), root.kernelTrees(),
                root.blockNodes().stream().filter(node -> node.number().major() == Xvd.MAJOR).toList());
    }
}
