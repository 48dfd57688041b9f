package io.github.xenpv.scripts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated RHEL 3 kernel as modutils 2.4's insmod sees it, and the stand-in PV modules built
 * against one. A RHEL 3 kernel is built with {@code CONFIG_MODVERSIONS}: it exports
 * {@code Using_Versions} and every symbol under its versioned name, {@code name_R<crc>}, where
 * genksyms' crc covers the symbol's type; the SMP and hugemem kernels put the prefix
 * {@code smp_} before the crc ({@code name_Rsmp_<crc>}), which is why a module of one variant
 * never resolves against the other. A module built against a kernel records that kernel's release
 * in {@code .modinfo} ({@code kernel_version=}), says {@code using_checksums=1}, and names every
 * kernel symbol it uses by that versioned name.
 *
 * <p>The stand-in module is a text file holding exactly what insmod reads from a real module's
 * ELF object: its {@code .modinfo} entries, its undefined symbols and the symbols it exports.
 * {@code bootsim/insmod} reads it. The symbol names and checksums here are invented for the
 * simulation: what they model is the rule, not Red Hat's kABI. What the stand-in cannot show:
 * relocation, the module's init function failing (a probe that finds no device), and symbols
 * that differ only in their type without a new checksum.
 *
 * @param release   the kernel's release, as {@code uname -r} prints it
 * @param checksums every exported kernel symbol and its crc (8 hex digits), in order
 */
record SimulatedKernel(String release, Map<String, String> checksums) {

    /** The first line of a stand-in module, standing for the ELF header insmod checks first. */
    static final String MODULE_MAGIC = "ELF stand-in module (bootsim)";

    /** The kernel symbols of a RHEL 3 kernel that the PV modules use, with the crcs of 2.4.21-52.EL. */
    private static final Map<String, String> RHEL3_SYMBOLS = symbols(
            "printk", "1b7d4074",
            "kmalloc", "93d4cfe6",
            "kfree", "037a0cba",
            "request_irq", "0c60f2e0",
            "free_irq", "f20dabd8",
            "pci_register_driver", "b3b1a37d",
            "ioremap_nocache", "9eac042a",
            "register_blkdev", "71a50dbc",
            "blk_init_queue", "0ab3d4f1",
            "blk_cleanup_queue", "5b7e3a5c",
            "alloc_etherdev", "a5f0c1b2",
            "register_netdev", "d1e9c7f3",
            "totalram_pages", "de9360ba");

    /**
     * Each PV module: the kernel symbols it uses, then (after "exports") the symbols it exports
     * itself; the others use xen-platform-pci's, which is why it must load first.
     */
    private static final Map<String, List<String>> MODULES = Map.of(
            "xen-platform-pci", List.of("printk", "kmalloc", "kfree", "request_irq", "free_irq", "pci_register_driver",
                    "ioremap_nocache", "exports", "gnttab_grant_foreign_access", "gnttab_end_foreign_access",
                    "xenbus_register_frontend", "bind_evtchn_to_irqhandler"),
            "xen-balloon", List.of("printk", "kmalloc", "kfree", "totalram_pages", "xenbus_register_frontend"),
            "xen-vbd", List.of("printk", "kmalloc", "kfree", "register_blkdev", "blk_init_queue", "blk_cleanup_queue",
                    "gnttab_grant_foreign_access", "gnttab_end_foreign_access", "xenbus_register_frontend",
                    "bind_evtchn_to_irqhandler"),
            "xen-vnif", List.of("printk", "kmalloc", "kfree", "alloc_etherdev", "register_netdev",
                    "gnttab_grant_foreign_access", "xenbus_register_frontend", "bind_evtchn_to_irqhandler"));

    /** The crcs genksyms gives xen-platform-pci's own exports. */
    private static final Map<String, String> PLATFORM_EXPORTS = symbols(
            "gnttab_grant_foreign_access", "3e1c0a1f",
            "gnttab_end_foreign_access", "7a2b9c0d",
            "xenbus_register_frontend", "c44f1e02",
            "bind_evtchn_to_irqhandler", "5d3a8e71");

    /** The blk_init_queue whose crc an errata kernel changed: xen-vbd uses it, the others do not. */
    static final String CHANGED_SYMBOL = "blk_init_queue";

    /** The kernel {@code release} with RHEL 3's checksums (those of 2.4.21-52.EL and its variants). */
    static SimulatedKernel of(String release) {
        return new SimulatedKernel(release, RHEL3_SYMBOLS);
    }

    /** This kernel with {@code symbol}'s checksum changed, as an errata kernel that changed its type has it. */
    SimulatedKernel withChangedChecksum(String symbol) {
        Map<String, String> changed = new LinkedHashMap<>(checksums);
        changed.put(symbol, String.format("%08x", Integer.parseUnsignedInt(changed.get(symbol), 16) ^ 0x00ff00ff));
        return new SimulatedKernel(release, changed);
    }

    /** The genksyms prefix: {@code smp_} for the SMP and hugemem kernels, none for the uniprocessor one. */
    private String prefix() {
        return release.endsWith("smp") || release.endsWith("hugemem") ? "smp_" : "";
    }

    private String versioned(String symbol, String crc) {
        return symbol + "_R" + prefix() + crc;
    }

    /** What the kernel lists in /proc/ksyms at boot, before any module loads: address and name per line. */
    String ksyms() {
        StringBuilder ksyms = new StringBuilder("00000001 Using_Versions\n");
        int address = 0xc0100000;
        for (Map.Entry<String, String> symbol : checksums.entrySet()) {
            ksyms.append(String.format("%08x %s\n", address, versioned(symbol.getKey(), symbol.getValue())));
            address += 0x40;
        }
        return ksyms.toString();
    }

    /** The stand-in object of PV module {@code name} built against this kernel. */
    String module(String name) {
        List<String> symbols = MODULES.get(name);
        if (symbols == null) {
            throw new IllegalArgumentException("no stand-in module " + name);
        }
        StringBuilder module = new StringBuilder(MODULE_MAGIC).append('\n')
                .append("modinfo kernel_version=").append(release).append('\n')
                .append("modinfo using_checksums=1\n")
                .append("modinfo license=GPL\n");
        boolean exports = false;
        for (String symbol : symbols) {
            if (symbol.equals("exports")) {
                exports = true;
            } else if (exports) {
                module.append("export ").append(versioned(symbol, PLATFORM_EXPORTS.get(symbol))).append('\n');
            } else {
                String crc = checksums.containsKey(symbol) ? checksums.get(symbol) : PLATFORM_EXPORTS.get(symbol);
                module.append("undefined ").append(versioned(symbol, crc)).append('\n');
            }
        }
        return module.toString();
    }

    /** The release of the kernel whose tree holds {@code driverDirectory} ({@code lib/modules/<release>/...}). */
    static String releaseOf(String driverDirectory) {
        String[] parts = driverDirectory.replaceFirst("^/", "").split("/");
        if (parts.length < 3 || !parts[0].equals("lib") || !parts[1].equals("modules")) {
            throw new IllegalArgumentException("not a module tree: " + driverDirectory);
        }
        return parts[2];
    }

    private static Map<String, String> symbols(String... pairs) {
        Map<String, String> symbols = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            symbols.put(pairs[i], pairs[i + 1]);
        }
        return symbols;
    }
}
