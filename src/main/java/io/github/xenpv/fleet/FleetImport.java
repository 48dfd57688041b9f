package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings an existing fleet in (SPEC §11): every xm config named, or found in a named folder,
 * with its guest root when there is one, into guest declarations and the report that accounts
 * for every key. A config that cannot be imported is reported and the others still are.
 */
public final class FleetImport {

    /**
     * Files in {@code /etc/xen} that are not domain configs: xend's own S-expression files, xm's
     * shipped examples, qemu's network script, and copies (editor and rpm leftovers,
     * install-dom0.sh's {@code <name>.xenpv-<time>} backups) that would clash with the name of
     * the config they copy. Only files found in a folder are skipped; a file named on its own
     * is always read.
     */
    private static final Pattern NOT_A_DOMAIN = Pattern.compile(
            ".*\\.sxp|xmexample.*|qemu-ifup|README.*|\\..*|.*~|.*\\.(rpmnew|rpmsave|rpmorig|bak|orig|swp)|.*\\.xenpv-.*");

    private FleetImport() {
    }

    /**
     * Imports every config.
     *
     * @param configs xm config files, or folders whose regular files are configs
     * @param root    a guest's root; for several configs, a folder of roots named after the guests
     * @param fleet   the values for what no config says
     * @return every config's import, the files of folders that were skipped, and the configs of guests that
     *     are not HVM guests
     */
    public static FleetImportResult run(List<Path> configs, Optional<Path> root, FleetValues fleet) {
        List<ReportLine> skipped = new ArrayList<>();
        List<ReportLine> notHvm = new ArrayList<>();
        List<ImportedConfig> imported = new ArrayList<>();
        List<Path> files = configFiles(configs, skipped, imported);
        boolean oneGuest = files.size() + imported.size() == 1;
        for (Path file : files) {
            String shown = file.toString();
            String text;
            try {
                text = GuestRoot.readText(file);
            } catch (IOException e) {
                imported.add(unreadable(shown, "cannot be read: " + ReadFailure.why(e)));
                continue;
            }
            ConfigImport.Parsed parsed = ConfigImport.parse(shown, text);
            if (parsed.failed().isPresent()) {
                imported.add(parsed.failed().get());
                continue;
            }
            Optional<ReportLine> paravirtualized = ConfigImport.notHvm(shown, parsed.config().get());
            if (paravirtualized.isPresent()) {
                notHvm.add(paravirtualized.get());
                continue;
            }
            ImportedConfig config = ConfigImport.read(shown, parsed.config().get(), fleet,
                    name -> rootFor(root, name, oneGuest));
            if (root.isPresent() && config.name().isPresent() && config.root().isEmpty()) {
                config = config.with(List.of(new ReportLine(root.get().toString(), "guest root", ReportLine.Kind.CHECK,
                        "has no folder " + config.name().get() + ": imported without a guest root (no fstab, "
                                + "modules.conf or grub.conf of its own)")));
            }
            imported.add(config);
        }
        imported = rewrittenByMaven(imported);
        imported = sameNames(imported);
        imported = validated(imported);
        return new FleetImportResult(imported, skipped, notHvm);
    }

    private static List<Path> configFiles(List<Path> configs, List<ReportLine> skipped, List<ImportedConfig> failed) {
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path given : configs) {
            if (Files.isDirectory(given)) {
                List<Path> entries;
                try (Stream<Path> list = Files.list(given)) {
                    entries = list.sorted().toList();
                } catch (IOException e) {
                    failed.add(unreadable(given.toString(), "the folder cannot be read: " + ReadFailure.why(e)));
                    continue;
                }
                for (Path entry : entries) {
                    if (Files.isDirectory(entry)) {
                        continue;
                    }
                    if (!Files.isRegularFile(entry)) {
                        // never opened: a pipe would block the import, a device feed it without end
                        skipped.add(new ReportLine(entry.toString(), "file", ReportLine.Kind.SKIPPED, "not a regular "
                                + "file (a pipe, a device node, a socket or a link to nothing): not read"));
                        continue;
                    }
                    if (NOT_A_DOMAIN.matcher(entry.getFileName().toString()).matches()) {
                        skipped.add(new ReportLine(entry.toString(), "file", ReportLine.Kind.SKIPPED, skipReason(entry)));
                    } else if (seen.add(real(entry))) {
                        files.add(entry);
                    }
                }
            } else if (Files.isRegularFile(given)) {
                if (seen.add(real(given))) {
                    files.add(given);
                }
            } else {
                failed.add(unreadable(given.toString(), Files.exists(given)
                        ? "is neither a file nor a folder" : "does not exist"));
            }
        }
        return files;
    }

    private static String skipReason(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sxp")) {
            return "xend's own configuration, not a domain";
        }
        if (name.startsWith("xmexample")) {
            return "an example xm ships, not a domain";
        }
        if (name.equals("qemu-ifup") || name.startsWith("README")) {
            return "not a domain config";
        }
        return "a hidden file, backup or leftover copy, which would clash with the config it copies; name it "
                + "on its own to import it";
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static ImportedConfig unreadable(String file, String why) {
        return ImportedConfig.unread(file, new ReportLine(file, "file", ReportLine.Kind.FAILED, why));
    }

    /** The root of guest {@code name}: its folder in the roots folder, or, for a single guest, the root itself. */
    private static Optional<Path> rootFor(Optional<Path> root, String name, boolean oneGuest) {
        if (root.isEmpty()) {
            return Optional.empty();
        }
        // Only a name the plugin takes can be a folder of the roots folder (no '..', no '/').
        if (GuestValidator.isGuestName(name) && Files.isDirectory(root.get().resolve(name))) {
            return Optional.of(root.get().resolve(name));
        }
        return oneGuest ? root : Optional.empty();
    }

    /**
     * A guest with a value Maven would rewrite in pom.xml is not imported: the guest's text must
     * reach its bundle byte for byte, never filled in from the build machine (the comments of its
     * files and the extra keys of its config are left out instead, when they are read).
     */
    private static List<ImportedConfig> rewrittenByMaven(List<ImportedConfig> configs) {
        List<ImportedConfig> result = new ArrayList<>();
        for (ImportedConfig config : configs) {
            if (!config.failed()) {
                for (String element : PomWriter.rewritten(config.guest().get())) {
                    String name = element.substring(1, element.indexOf('>'));
                    String value = element.substring(element.indexOf('>') + 1);
                    config = config.failedWith(new ReportLine(config.file(), name, ReportLine.Kind.FAILED, "'" + value
                            + "' is not written into pom.xml: " + MavenInterpolation.why(MavenInterpolation.rewritten(value)
                            .orElseThrow()) + "; correct it where the config or the guest root has it"));
                }
            }
            result.add(config);
        }
        return result;
    }

    /** Two configs of one name: xm holds one domain of a name, so neither is taken. */
    private static List<ImportedConfig> sameNames(List<ImportedConfig> configs) {
        Map<String, List<ImportedConfig>> byName = new LinkedHashMap<>();
        configs.forEach(config -> config.name().ifPresent(name ->
                byName.computeIfAbsent(name, key -> new ArrayList<>()).add(config)));
        List<ImportedConfig> result = new ArrayList<>();
        for (ImportedConfig config : configs) {
            List<ImportedConfig> same = config.name().map(byName::get).orElse(List.of(config));
            if (same.size() < 2) {
                result.add(config);
                continue;
            }
            List<String> others = same.stream().filter(other -> other != config).map(ImportedConfig::nameAt).toList();
            result.add(config.failedWith(new ReportLine(config.nameAt(), "name", ReportLine.Kind.FAILED, "'"
                    + config.name().get() + "' is also the name in " + String.join(", ", others) + ": dom0 runs one "
                    + "domain of a name, and the import cannot tell which config is the live one; import the right one")));
        }
        return result;
    }

    /** Validation of every imported guest together, each problem reported with the config it came from. */
    private static List<ImportedConfig> validated(List<ImportedConfig> configs) {
        List<Guest> guests = configs.stream().filter(config -> !config.failed()).map(config -> config.guest().get()).toList();
        if (guests.isEmpty()) {
            return configs;
        }
        Validation validation = GuestValidator.validate(guests);
        List<ImportedConfig> result = new ArrayList<>();
        for (ImportedConfig config : configs) {
            if (config.failed()) {
                result.add(config);
                continue;
            }
            String prefix = "guests/guest[" + config.name().get() + "]";
            List<ReportLine> lines = new ArrayList<>();
            problems(validation.errors(), prefix, config, ReportLine.Kind.INVALID, lines);
            problems(validation.warnings(), prefix, config, ReportLine.Kind.WARNING, lines);
            result.add(config.with(lines));
        }
        return result;
    }

    private static void problems(List<Problem> problems, String prefix, ImportedConfig config, ReportLine.Kind kind,
            List<ReportLine> lines) {
        for (Problem problem : problems) {
            if (!problem.path().startsWith(prefix + "/")) {
                continue;
            }
            String element = problem.path().substring(prefix.length() + 1);
            if (kind == ReportLine.Kind.INVALID && config.explained().contains(element)) {
                continue;
            }
            lines.add(new ReportLine(config.file(), problem.path(), kind, problem.message()));
        }
    }
}
