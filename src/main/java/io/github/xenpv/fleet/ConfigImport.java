package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.guestroot.RedhatRelease;
import io.github.xenpv.model.Dom0Arch;
import io.github.xenpv.model.DriverSource;
import io.github.xenpv.model.DomainUuid;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.XmConfig;
import io.github.xenpv.xm.DomainConfig;
import io.github.xenpv.xm.DomainConfigReader;
import io.github.xenpv.xm.XmSyntaxError;
import io.github.xenpv.xm.XmValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One xm config, and the guest root when there is one, into a {@link Guest} declaration and the
 * report lines that account for every key of the config. The config is read, never run.
 */
final class ConfigImport {

    /** xm's own default memory (Xen 3.1's create.py), which a config without {@code memory} gets. */
    static final String XM_DEFAULT_MEMORY = "128";

    /** Keys the plugin writes whose absence xm reads as something else than the plugin writes. */
    private static final Map<String, String> ABSENT_DIFFERS = absentDiffers();

    private final String file;
    private final DomainConfig config;
    private final FleetValues fleet;
    private final Notes notes = new Notes();
    private final Guest guest = new Guest();
    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private Optional<RootFiles> root = Optional.empty();

    private ConfigImport(String file, DomainConfig config, FleetValues fleet) {
        this.file = file;
        this.config = config;
        this.fleet = fleet;
    }

    /** In the order the plugin writes them, so the report's order never depends on a hash. */
    private static Map<String, String> absentDiffers() {
        Map<String, String> absent = new LinkedHashMap<>();
        absent.put("kernel", "xm cannot start an HVM guest without its loader");
        absent.put("vnc", "xm's default is no VNC console");
        absent.put("serial", "xm's default is no serial console");
        return absent;
    }

    /**
     * Reads one config's text.
     *
     * @param file the config as named to the user
     * @param text its content
     * @return the config, or the failed import that says why Python cannot read it
     */
    static Parsed parse(String file, String text) {
        try {
            return new Parsed(Optional.of(DomainConfigReader.read(text)), Optional.empty());
        } catch (XmSyntaxError e) {
            return new Parsed(Optional.empty(), Optional.of(ImportedConfig.unread(file, new ReportLine(file + ":"
                    + e.line(), "syntax", ReportLine.Kind.FAILED, e.getMessage() + ": Python, and so xm, cannot read "
                    + "this file"))));
        }
    }

    /** A config as read: the config, or the failed import of a file Python cannot read. */
    record Parsed(Optional<DomainConfig> config, Optional<ImportedConfig> failed) {
    }

    /**
     * The one report line for a config that is no HVM guest: a para-virtualized guest (no
     * {@code builder}, xm's {@code linux}, or another literal builder) already runs the PV drivers,
     * and has no place in the declaration. A {@code builder} xm would compute is not this: its
     * import fails, naming it.
     *
     * @param file   the config as named to the user
     * @param config the config
     * @return the line, or empty for an HVM guest's config
     */
    static Optional<ReportLine> notHvm(String file, DomainConfig config) {
        Optional<DomainConfig.Assignment> builder = config.last("builder");
        if (builder.isPresent() && !(builder.get().value() instanceof XmValue.Text)) {
            return Optional.empty();
        }
        if (builder.isPresent() && ((XmValue.Text) builder.get().value()).text().equals("hvm")) {
            return Optional.empty();
        }
        String bootloader = config.last("bootloader").filter(value -> value.value() instanceof XmValue.Text)
                .map(value -> ", bootloader '" + ((XmValue.Text) value.value()).text() + "'").orElse("");
        return Optional.of(new ReportLine(builder.map(assignment -> file + ":" + assignment.line()).orElse(file),
                "builder", ReportLine.Kind.SKIPPED, "a para-virtualized guest (" + builder.map(assignment ->
                        "builder '" + ((XmValue.Text) assignment.value()).text() + "'").orElse("builder not set: xm's "
                        + "linux") + bootloader + "), not an HVM one: it runs the PV drivers already, and the plugin "
                        + "moves fully virtualized guests onto them"));
    }

    /**
     * Imports one config of an HVM guest.
     *
     * @param file    the config as named to the user
     * @param config  the config, read
     * @param rootFor the guest root folder for a guest name, if any
     */
    static ImportedConfig read(String file, DomainConfig config, FleetValues fleet, Function<String, Optional<Path>> rootFor) {
        return new ConfigImport(file, config, fleet).run(rootFor);
    }

    private ImportedConfig run(Function<String, Optional<Path>> rootFor) {
        Optional<String> name = name();
        Optional<String> rootWhere = Optional.empty();
        if (name.isPresent()) {
            Optional<Path> rootPath = rootFor.apply(name.get());
            if (rootPath.isPresent()) {
                rootWhere = Optional.of(rootPath.get().toString());
                try {
                    root = Optional.of(RootFiles.load(GuestRoot.at(rootPath.get())));
                } catch (IOException e) {
                    notes.failed(rootPath.get().toString(), "guest root", "cannot be read: " + ReadFailure.why(e));
                }
            }
        }
        statements();
        try {
            assignments();
        } catch (IOException e) {
            notes.failed(root.map(files -> files.root().path().toString()).orElse(file), "guest root",
                    "cannot be read: " + ReadFailure.why(e));
        }
        absentKeys();
        root.ifPresent(this::fromRoot);
        root.ifPresent(files -> files.root().skipped().forEach(special -> notes.skipped(special.where(), "file",
                special.kind() + ", not a regular file: not opened (it could block or feed the import without end); "
                        + "read as if absent")));
        fleetValues();
        checkAlone();
        String nameAt = config.last("name").map(this::at).orElse(file);
        return new ImportedConfig(file, name, nameAt, rootWhere, notes.failed() ? Optional.empty() : Optional.of(guest),
                notes.fillIns(), notes.explainedElements(), notes.lines());
    }

    private Optional<String> name() {
        Optional<DomainConfig.Assignment> assignment = config.last("name");
        if (assignment.isEmpty()) {
            notes.failed(file, "name", "not set: xm needs the domain's name");
            return Optional.empty();
        }
        if (!(assignment.get().value() instanceof XmValue.Text text)) {
            notes.failed(at(assignment.get()), "name", assignment.get().value().describe()
                    + " is not a string; the import never runs a config");
            return Optional.empty();
        }
        guest.setName(text.text());
        return Optional.of(text.text());
    }

    private void statements() {
        for (DomainConfig.Statement statement : config.statements()) {
            String where = file + ":" + statement.line();
            switch (statement.kind()) {
                case IMPORT -> notes.dropped(where, statement.word(), "'" + statement.text() + "' is not run: the "
                        + "import reads literal values only");
                case NO_EFFECT -> notes.dropped(where, statement.word(), "a value on its own has no effect");
                default -> notes.failed(where, statement.word(), "'" + statement.text() + "' is code that xm would run "
                        + "and that may set any key; the import never runs a config: write plain key = value lines");
            }
        }
    }

    private void assignments() throws IOException {
        for (DomainConfig.Assignment assignment : config.assignments()) {
            DomainConfig.Assignment last = config.last(assignment.key()).orElseThrow();
            if (last != assignment) {
                notes.dropped(at(assignment), assignment.key(), "set again on line " + last.line()
                        + ", which counts, as when xm runs the file");
                continue;
            }
            assignment(assignment);
        }
    }

    private void assignment(DomainConfig.Assignment assignment) throws IOException {
        String key = assignment.key();
        XmValue value = assignment.value();
        String where = at(assignment);
        switch (key) {
            case "name" -> notes.kept(where, key, "<name>" + guest.getName() + "</name>");
            case "builder" -> builder(where, value);
            case "uuid" -> {
                if (value instanceof XmValue.Text text && text.text().equalsIgnoreCase(DomainUuid.derived(guest.getName()))) {
                    notes.kept(where, key, "the UUID the plugin derives from the name, as it does when <uuid> is left out");
                } else {
                    scalar(where, key, value, guest::setUuid);
                }
            }
            case "memory" -> scalar(where, key, value, guest::setMemory);
            case "vcpus" -> scalar(where, key, value, guest::setVcpus);
            case "device_model" -> deviceModel(where, value);
            case "disk" -> new DiskImport(file, root, release(), notes).read(key, value, assignment.line(), guest);
            case "vif" -> new NetworkImport(file, release(), notes).read(key, value, assignment.line(), guest);
            case "cdrom" -> notes.dropped(where, key, "Xen 3.0.3 and later ignore it: a CD-ROM is a ':cdrom' entry "
                    + "of disk, and the plugin's config has none");
            case "nics" -> notes.dropped(where, key, "the old count of NICs: the plugin writes one NIC per vif entry");
            default -> {
                if (XmConfig.FIXED_SETTINGS.containsKey(key)) {
                    fixedKey(assignment);
                } else {
                    extra(assignment);
                }
            }
        }
    }

    private void builder(String where, XmValue value) {
        if (value instanceof XmValue.Text text && text.text().equals("hvm")) {
            notes.kept(where, "builder", "hvm, as the plugin writes it");
        } else {
            // a literal other than "hvm" is skipped before the import (notHvm): this is what xm would compute
            notes.failed(where, "builder", value.describe() + " is not a literal: the import never runs a config, so "
                    + "it cannot tell whether this is an HVM guest (builder = \"hvm\")");
        }
    }

    /** A value the declaration keeps as text; code is kept as written, for validation to name and a person to fix. */
    private void scalar(String where, String key, XmValue value, Consumer<String> setter) {
        if (value instanceof XmValue.Text text) {
            setter.accept(text.text());
            notes.kept(where, key, "<" + key + ">" + text.text() + "</" + key + ">");
        } else if (value instanceof XmValue.Number number) {
            setter.accept(number.number().toString());
            notes.kept(where, key, "<" + key + ">" + number.number() + "</" + key + ">");
        } else {
            String written = value instanceof XmValue.Code code ? code.source() : value.describe();
            setter.accept(written);
            notes.fillIn(where, key, key, value.describe() + " is not a literal the import can read "
                    + "(xm would compute it): <" + key + "> holds it as written, which validation refuses; write the value");
        }
    }

    private void deviceModel(String where, XmValue value) {
        if (value instanceof XmValue.Text text && text.text().startsWith(Dom0Arch.I386.libDir() + "/")) {
            guest.setDom0Arch(Dom0Arch.I386.toString());
            dom0Arch(where, text.text(), Dom0Arch.I386);
        } else if (value instanceof XmValue.Text text && text.text().startsWith(Dom0Arch.X86_64.libDir() + "/")) {
            dom0Arch(where, text.text(), Dom0Arch.X86_64);
        } else {
            notes.changed(where, "device_model", value.describe() + ": the plugin writes "
                    + Dom0Arch.X86_64.deviceModel() + " (dom0Arch x86_64, the default) or " + Dom0Arch.I386.deviceModel()
                    + " (<dom0Arch>i386</dom0Arch>)");
        }
    }

    private void dom0Arch(String where, String deviceModel, Dom0Arch arch) {
        String declared = arch == Dom0Arch.X86_64 ? "dom0Arch x86_64, the default" : "<dom0Arch>i386</dom0Arch>";
        if (deviceModel.equals(arch.deviceModel())) {
            notes.kept(where, "device_model", deviceModel + ": " + declared);
        } else {
            notes.changed(where, "device_model", deviceModel + " is in " + arch.libDir() + ": " + declared
                    + ", for which the plugin writes " + arch.deviceModel());
        }
    }

    /**
     * A key the plugin writes with a fixed value: the same value loses nothing; the operator's own
     * choice of a console or of what happens on a crash is kept in {@code <extraConfig>}, which
     * replaces the plugin's default; another value is reported as changed.
     */
    private void fixedKey(DomainConfig.Assignment assignment) {
        String where = at(assignment);
        String key = assignment.key();
        XmValue value = assignment.value();
        Object plugin = XmConfig.FIXED_SETTINGS.get(key);
        Object given = value instanceof XmValue.Text text ? text.text()
                : value instanceof XmValue.Number number && number.number().bitLength() < 32 ? (Object) number.number().intValue()
                : null;
        String pluginText = literal(plugin);
        if (plugin.equals(given)) {
            notes.kept(where, key, pluginText + ", as the plugin writes it");
        } else if (XmConfig.OPERATOR_SETTINGS.containsKey(key) && given != null) {
            extra(assignment);
        } else {
            notes.changed(where, key, value.describe() + ": the plugin writes " + key + " = " + pluginText
                    + (key.equals("boot") ? " (the guest boots from its hard disk)" : ""));
        }
    }

    /** A fixed value as the plugin's config writes it: strings quoted, numbers bare. */
    private static String literal(Object plugin) {
        return plugin instanceof String ? "\"" + plugin + "\"" : plugin.toString();
    }

    private void extra(DomainConfig.Assignment assignment) {
        String where = at(assignment);
        String key = assignment.key();
        XmValue value = assignment.value();
        if (XmConfig.isSecret(key)) {
            // Never copied: not into pom.xml (which goes into version control and pipelines), not
            // into this report or the log. The value comes back at build time, from the user.
            String property = XmConfig.secretProperty(guest.getName(), key);
            extraConfig.put(key, "${" + property + "}");
            notes.check(where, key, "a password: pom.xml holds ${" + property + "} in its place, not the value; "
                    + "supply it when you build, -D" + property + "=... or a <" + property + "> property in "
                    + "settings.xml; the bundle's xm config that holds it is mode 0600");
            return;
        }
        if (value instanceof XmValue.Text text && MavenInterpolation.rewritten(text.text()).isPresent()) {
            notes.dropped(where, key, MavenInterpolation.why(MavenInterpolation.rewritten(text.text()).get())
                    + ": not in <extraConfig>; add it to /etc/xen/" + guest.getName() + " by hand after install-dom0.sh");
            return;
        }
        // an operator's choice replaces the plugin's default
        String kept = "in <extraConfig>" + (XmConfig.OPERATOR_SETTINGS.containsKey(key)
                ? ", in place of the plugin's " + key + " = " + literal(XmConfig.FIXED_SETTINGS.get(key)) : "");
        if (value instanceof XmValue.Text text) {
            if (GuestValidator.isExtraConfigNumber(text.text())) {
                notes.changed(where, key, "the string '" + text.text() + "' goes into <extraConfig>, which writes "
                        + "digits as a number");
            } else {
                notes.kept(where, key, kept);
            }
            extraConfig.put(key, text.text());
        } else if (value instanceof XmValue.Number number) {
            notes.kept(where, key, kept);
            extraConfig.put(key, number.number().toString());
        } else if (value instanceof XmValue.Constant constant && !constant.name().equals("None")) {
            String bit = constant.name().equals("True") ? "1" : "0";
            notes.changed(where, key, constant.name() + " goes into <extraConfig> as " + bit);
            extraConfig.put(key, bit);
        } else if (value instanceof XmValue.Constant) {
            notes.dropped(where, key, "None is the same as not setting it");
        } else if (value instanceof XmValue.Items) {
            notes.dropped(where, key, "a list: <extraConfig> holds a number or a string; add it to /etc/xen/"
                    + guest.getName() + " by hand after install-dom0.sh");
        } else {
            notes.dropped(where, key, value.describe() + ": the import reads literal values only");
        }
    }

    private void absentKeys() {
        if (config.last("memory").isEmpty()) {
            guest.setMemory(XM_DEFAULT_MEMORY);
            notes.kept(file, "memory", "not set: xm's default, " + XM_DEFAULT_MEMORY + " MiB, written out as <memory> "
                    + "(the plugin's own default is 512)");
        }
        if (config.last("disk").isEmpty()) {
            notes.check(file, "disk", "not set: the guest has no disk");
            DiskImport.noBootDisk(guest, notes, file, "no disk to boot from: fill in <bootDisk><source>");
        }
        if (config.last("vif").isEmpty()) {
            guest.setNetworks(List.of());
            notes.kept(file, "vif", "not set: the guest has no NIC (xm's default); written as an empty <networks/>");
        }
        if (config.last("uuid").isEmpty()) {
            notes.changed(file, "uuid", "not set: xend makes up a new UUID each time the domain is created; the plugin "
                    + "derives a fixed one from the name (set <uuid> to keep the one the running guest has, xm list -l)");
        }
        if (config.last("device_model").isEmpty()) {
            notes.changed(file, "device_model", "not set: the plugin writes " + Dom0Arch.X86_64.deviceModel()
                    + " (dom0Arch x86_64, the default; <dom0Arch>i386</dom0Arch> for a 32-bit dom0)");
        }
        ABSENT_DIFFERS.forEach((key, why) -> {
            if (config.last(key).isEmpty()) {
                Object plugin = XmConfig.FIXED_SETTINGS.get(key);
                notes.changed(file, key, "not set (" + why + "): the plugin writes " + key + " = " + literal(plugin));
            }
        });
    }

    /**
     * The guest's release as far as it is known before its kernel is: what the root's
     * /etc/redhat-release names, else the release of xenpv.import.kernel.
     */
    private Optional<Release> release() {
        Optional<Release> named = root.flatMap(RootFiles::release).map(RedhatRelease::release);
        return named.isPresent() ? named : fleet.kernel().flatMap(Release::ofKernel);
    }

    private void fromRoot(RootFiles files) {
        // Without /etc/redhat-release the release follows from the kernel alone, as it does in the build.
        files.redhatRelease().ifPresent(file -> files.release().ifPresentOrElse(
                named -> notes.kept(named.where(), "redhat-release", "'" + named.text() + "': a "
                        + named.release().title() + " guest"),
                () -> notes.check(file.at(1), "redhat-release", "'" + (file.lines().isEmpty() ? "" : file.lines().get(0))
                        + "' names no RHEL or CentOS 3, 4 or 5: the release follows from the kernel alone")));
        boolean kernelFound = new BootEntryImport(notes).read(files, guest, fleet);
        if (!kernelFound) {
            fleetKernel();
        }
        Release stock = Optional.ofNullable(guest.getKernel()).flatMap(Release::ofKernel).or(this::release)
                .orElse(Release.RHEL3);
        files.fstab().ifPresentOrElse(fstab -> {
            guest.setFstabBase(baseLines(fstab.file(), fstab.block(), "fstab", "fstabBase"));
            notes.kept(fstab.file().where(), "fstab", "the guest's lines (outside the plugin's block) are <fstabBase>");
        }, () -> notes.check(files.root().path().toString(), "fstab", "the guest root has no /etc/fstab: <fstabBase> is "
                + "left at " + stock.title() + "'s stock lines"));
        String modulesConfName = files.modulesConfName();
        files.modulesConf().ifPresent(modulesConf -> {
            PluginBlock block = PluginBlock.split(modulesConf);
            List<String> base = baseLines(modulesConf, block, "modules.conf", "modulesConfBase");
            if (!base.isEmpty()) {
                guest.setModulesConfBase(base);
                notes.kept(modulesConf.where(), modulesConfName, "the guest's lines (outside the plugin's block) are "
                        + "<modulesConfBase>");
            }
            int nics = guest.getNetworks() == null ? 1 : guest.getNetworks().size();
            for (PluginBlock.Line line : block.outside()) {
                String[] words = line.text().strip().split("\\s+");
                if (words.length >= 3 && words[0].equals("alias") && words[1].matches("eth[0-9]+")
                        && Integer.parseInt(words[1].substring(3)) < nics && !words[2].equals("xen-vnif")) {
                    notes.changed(modulesConf.at(line.number()), words[1], "'" + line.text().strip() + "': the "
                            + "plugin comments it out, as " + words[1] + " becomes a PV NIC (alias " + words[1]
                            + " xen-vnif)");
                }
            }
        });
    }

    /**
     * The guest's own lines of a file, as base lines of the declaration; a comment holding text
     * Maven would rewrite is left out (and said so), any other such line is refused with the
     * guest (FleetImport), since the guest's file needs it.
     */
    private List<String> baseLines(GuestFile file, PluginBlock block, String key, String element) {
        List<String> lines = new ArrayList<>();
        for (PluginBlock.Line line : block.outside()) {
            String text = line.text().strip();
            Optional<String> rewritten = MavenInterpolation.rewritten(text);
            if (rewritten.isPresent() && text.startsWith("#")) {
                notes.dropped(file.at(line.number()), key, "a comment, left out of <" + element + ">: "
                        + MavenInterpolation.why(rewritten.get()));
            } else {
                lines.add(text);
            }
        }
        return lines;
    }

    private void fleetValues() {
        new ArchImport(notes, file).read(root, bootedRelease(), fleet, guest);
        String kernel = root.isPresent() ? guest.getKernel() : fleet.kernel().orElse(null);
        Optional<Release> kernelRelease = Optional.ofNullable(kernel).flatMap(Release::ofKernel);
        if (kernelRelease.isPresent() && kernelRelease.get().driverSource(kernel) == DriverSource.IN_KERNEL) {
            // A kernel that carries the PV drivers takes no kmod-xenpv: the fleet's kmod values do not apply.
            String why = ": kernel " + kernel + " (" + kernelRelease.get().inKernelName() + " or later) carries the PV "
                    + "drivers, and kmod-xenpv must not be installed there";
            fleet.driverKernel().ifPresent(value -> notes.dropped(file, "driverKernel", "xenpv.import.driverKernel="
                    + value + why));
            fleet.driverRelease().ifPresent(value -> notes.dropped(file, "driverRelease", "xenpv.import.driverRelease="
                    + value + why));
        } else {
            fleet.driverKernel().ifPresent(driverKernel -> {
                guest.setDriverKernel(driverKernel);
                notes.kept(file, "driverKernel", "<driverKernel>" + driverKernel + "</driverKernel> from xenpv.import.driverKernel");
            });
            fleet.driverRelease().ifPresentOrElse(release -> {
                guest.setDriverRelease(release);
                notes.kept(file, "driverRelease", "<driverRelease>" + release + "</driverRelease> from xenpv.import.driverRelease");
            }, () -> {
                guest.setDriverRelease("");
                notes.fillIn(file, "driverRelease", "driverRelease", "no config says which kmod-xenpv release to install: "
                        + "fill in <driverRelease> (e.g. 0.1-5.el), or import with -Dxenpv.import.driverRelease");
            });
        }
        if (root.isEmpty()) {
            fleetKernel();
        }
    }

    /** The release of the kernel tree the guest root boots, when its grub.conf said it. */
    private Optional<String> bootedRelease() {
        if (root.isEmpty() || guest.getKernel() == null || guest.getKernel().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(guest.getKernel() + (guest.getKernelVariant() == null ? "" : guest.getKernelVariant()));
    }

    private void fleetKernel() {
        fleet.kernel().ifPresentOrElse(kernel -> {
            guest.setKernel(kernel);
            notes.kept(file, "kernel", "<kernel>" + kernel + "</kernel> from xenpv.import.kernel");
        }, () -> {
            guest.setKernel("");
            notes.fillIn(file, "kernel", "kernel", "no guest root says which kernel the guest boots: fill in <kernel> "
                    + "(e.g. 2.4.21-52.EL), or import with -Dxenpv.import.kernel or -Dxenpv.import.root");
        });
        fleet.kernelVariant().ifPresentOrElse(variant -> {
            guest.setKernelVariant(variant);
            notes.kept(file, "kernelVariant", "'" + variant + "' from xenpv.import.kernelVariant");
        }, () -> notes.check(file, "kernelVariant", "no guest root says whether the guest runs an smp or hugemem "
                + "kernel: the declaration says uniprocessor; set <kernelVariant> if not"));
    }

    /**
     * What the plugin refuses in this guest alone: a name it would refuse fails the config; an
     * extra key or value {@code <extraConfig>} cannot hold is dropped. The rest is validation's
     * to report, across the whole fleet.
     */
    private void checkAlone() {
        guest.setExtraConfig(extraConfig.isEmpty() ? null : extraConfig);
        if (guest.getName() == null) {
            return;
        }
        List<Problem> errors = GuestValidator.validate(List.of(guest)).errors();
        int nameLine = config.last("name").map(DomainConfig.Assignment::line).orElse(0);
        for (Problem problem : errors) {
            String path = problem.path();
            int extra = path.indexOf("/extraConfig/");
            if (path.endsWith("]/name")) {
                notes.failed(file + ":" + nameLine, "name", problem.message());
            } else if (extra >= 0 && extraConfig.containsKey(path.substring(extra + "/extraConfig/".length()))) {
                String key = path.substring(extra + "/extraConfig/".length());
                extraConfig.remove(key);
                // Only a key's last assignment goes into <extraConfig> (assignments()).
                String where = at(config.last(key).orElseThrow());
                notes.replace(where, key, new ReportLine(where, key, ReportLine.Kind.DROPPED, "<extraConfig> cannot hold "
                        + "it: " + problem.message()));
            }
        }
        guest.setExtraConfig(extraConfig.isEmpty() ? null : extraConfig);
    }

    private String at(DomainConfig.Assignment assignment) {
        return file + ":" + assignment.line();
    }
}
