package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.BlkidCache;
import io.github.xenpv.guestroot.BlockNode;
import io.github.xenpv.guestroot.GrubConf;
import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.model.Xvd;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the import reads from a guest root: fstab, modules.conf, grub.conf, the blkid cache, the
 * kernel module trees and the PV disk nodes in {@code /dev}.
 */
record RootFiles(GuestRoot root, Optional<GuestFile> fstab, Optional<GuestFile> modulesConf,
        Optional<GrubConf> grubConf, BlkidCache blkid, List<String> kernelTrees, List<BlockNode> pvNodes) {

    static RootFiles load(GuestRoot root) throws IOException {
        Optional<GuestFile> blkid = root.firstFile("/etc/blkid.tab", "/etc/blkid/blkid.tab");
        return new RootFiles(root, root.file("/etc/fstab"), root.file("/etc/modules.conf"),
                root.firstFile("/boot/grub/grub.conf", "/etc/grub.conf", "/boot/grub/menu.lst").map(GrubConf::parse),
                blkid.map(BlkidCache::parse).orElse(BlkidCache.empty()), root.kernelTrees(),
                root.blockNodes().stream().filter(node -> node.number().major() == Xvd.MAJOR).toList());
    }
}
