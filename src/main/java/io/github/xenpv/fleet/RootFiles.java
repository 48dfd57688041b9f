package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.BlkidCache;
import io.github.xenpv.guestroot.BlockNode;
import io.github.xenpv.guestroot.FstabEntry;
import io.github.xenpv.guestroot.GrubConf;
import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.model.Xvd;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the import reads from a guest root: fstab, modules.conf, grub.conf, the blkid cache, the
 * kernel module trees and the PV disk nodes in {@code /dev}.
 */
record RootFiles(GuestRoot root, Optional<Fstab> fstab, Optional<GuestFile> modulesConf,
        Optional<GrubConf> grubConf, BlkidCache blkid, List<String> kernelTrees, List<BlockNode> pvNodes) {

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
        return new RootFiles(root, root.file("/etc/fstab").map(Fstab::of), root.file("/etc/modules.conf"),
                root.firstFile("/boot/grub/grub.conf", "/etc/grub.conf", "/boot/grub/menu.lst").map(GrubConf::parse),
                blkid.map(BlkidCache::parse).orElse(BlkidCache.empty()), root.kernelTrees(),
                root.blockNodes().stream().filter(node -> node.number().major() == Xvd.MAJOR).toList());
    }
}
