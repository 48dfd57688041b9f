package io.github.xenpv.scripts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RHEL 4 or 5 kernel of the boot simulator (bootsim26), and the stand-in modules built for it:
 * text files holding what the kernel and module-init-tools read from a real module's ELF object
 * (bootsim26/lib.sh: a magic first line, "modinfo vermagic=", the symbols the module leaves
 * "undefined" and those it "export"s, each with its CRC). {@code kabi} names the kernel's symbol
 * versions: errata kernels of one update share them (so a module built for one loads into the
 * other, as weak-modules expects), and a kernel with other ones refuses the module
 * ("disagrees about version of symbol"). {@code flags} is what vermagic compares besides the
 * release (same_magic with CONFIG_MODVERSIONS): the variant and the architecture.
 *
 * <p>What the stand-in modules cannot show: real code, relocations, a driver's init failing.
 *
 * @param release what {@code uname -r} prints, e.g. {@code 2.6.9-67.0.1.ELsmp}
 * @param kabi the name of its symbol versions
 * @param flags the vermagic flags after the release, e.g. {@code smp x86_64 gcc}
 */
record Kernel26(String release, String kabi, String flags) {

    /** The first line of every stand-in module (lib.sh's MODULE_MAGIC), standing for the ELF header. */
    static final String MODULE_MAGIC = "ELF stand-in module (bootsim)";

    /** The symbols every kernel exports that the stand-in modules use. */
    private static final List<String> KERNEL_SYMBOLS = List.of("pci_register_driver", "register_blkdev",
            "register_netdev", "alloc_etherdev", "balloon_lock");

    /** The symbols xen-platform-pci exports for the other PV drivers (its xenbus). */
    private static final List<String> XENBUS_SYMBOLS = List.of("xenbus_register_frontend", "xenbus_dev_changed");

    /**
     * The kernel's exports, as bootsim26 keeps them in {@code /.sim/ksyms/<release>}: a
     * {@code vermagic} line, then {@code NAME CRC} lines.
     *
     * @return the file's text
     */
    String ksyms() {
        StringBuilder text = new StringBuilder("vermagic " + vermagic() + "\n");
        KERNEL_SYMBOLS.forEach(symbol -> text.append(symbol).append(' ').append(crc(symbol, kabi)).append('\n'));
        return text.toString();
    }

    /** {@return this kernel's vermagic: its release, then its flags} */
    String vermagic() {
        return release + " " + flags;
    }

    /**
     * The PV driver modules built against this kernel, by file name: what kmod-xenpv built for it,
     * or the kernel package itself, carries.
     *
     * @return {@code xen-platform-pci.ko}, {@code xen-balloon.ko}, {@code xen-vbd.ko} and
     *     {@code xen-vnif.ko} with their stand-in contents
     */
    Map<String, String> pvModules() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("xen-platform-pci.ko", module(List.of("pci_register_driver"), XENBUS_SYMBOLS));
        modules.put("xen-balloon.ko", module(List.of("balloon_lock", "xenbus_register_frontend"), List.of()));
        modules.put("xen-vbd.ko", module(List.of("register_blkdev", "xenbus_register_frontend"), List.of()));
        modules.put("xen-vnif.ko", module(List.of("alloc_etherdev", "register_netdev", "xenbus_register_frontend"),
                List.of()));
        return modules;
    }

    /** {@return the emulated Realtek's driver and the library it needs, built against this kernel} */
    Map<String, String> realtekModules() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("8139too.ko", module(List.of("alloc_etherdev", "register_netdev", "mii_link_ok"), List.of()));
        modules.put("mii.ko", module(List.of(), List.of("mii_link_ok")));
        return modules;
    }

    /**
     * A stand-in module built against this kernel: its undefined kernel symbols carry this
     * kernel's CRCs, its others those of the modules of the same build that export them.
     */
    private String module(List<String> undefined, List<String> exported) {
        StringBuilder text = new StringBuilder(MODULE_MAGIC + "\nmodinfo vermagic=" + vermagic() + "\n");
        for (String symbol : undefined) {
            text.append("undefined ").append(symbol).append(' ')
                    .append(KERNEL_SYMBOLS.contains(symbol) ? crc(symbol, kabi) : crc(symbol, "modules-" + kabi)).append('\n');
        }
        exported.forEach(symbol -> text.append("export ").append(symbol).append(' ').append(crc(symbol, "modules-" + kabi))
                .append('\n'));
        return text.toString();
    }

    private static String crc(String symbol, String versions) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((versions + "/" + symbol).getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
