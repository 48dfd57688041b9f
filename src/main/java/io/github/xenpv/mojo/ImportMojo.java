package io.github.xenpv.mojo;

import io.github.xenpv.fleet.FleetImport;
import io.github.xenpv.fleet.FleetImportResult;
import io.github.xenpv.fleet.FleetValues;
import io.github.xenpv.fleet.ImportOutput;
import io.github.xenpv.fleet.ImportReport;
import io.github.xenpv.fleet.ImportedConfig;
import io.github.xenpv.fleet.PomWriter;
import io.github.xenpv.fleet.ReportLine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings existing guests in: reads their xm configs (<code>/etc/xen/{name}</code>; never run,
 * only read) and, when given, their mounted roots (fstab, modules.conf, grub.conf,
 * {@code /lib/modules} and {@code /dev}), and writes a project declaring them,
 * <code>{output}/pom.xml</code>, with <code>{output}/import-report.txt</code> saying for every key
 * what was kept, changed or dropped. It needs no project:
 * <code>mvn io.github.xenpv:xenpv-maven-plugin:{version}:import -Dxenpv.import.configs=/etc/xen</code>.
 * A config that cannot be imported is reported and the others still are; the goal then fails,
 * naming how many failed. A para-virtualized guest's config is skipped with one line.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractMojo {

    /**
     * The xm configs: files, or folders whose regular files are configs (in a folder, xend's
     * {@code *.sxp} files, xm's examples, hidden files and backups are skipped and listed). On the
     * command line, a comma list.
     */
    @Parameter(property = PropertyNames.IMPORT_CONFIGS, required = true)
    private List<File> configs;

    /**
     * A guest's mounted root, read for its fstab, modules.conf, grub.conf, {@code /lib/modules} and
     * {@code /dev}; for several configs, a folder holding one root per guest, named after the guest.
     * Optional.
     */
    @Parameter(property = PropertyNames.IMPORT_ROOT)
    private File root;

    /**
     * The architecture ({@code i686}, {@code athlon}, {@code ia32e} or {@code x86_64}) of the guests
     * whose root does not say it (no xm config does): a guest root's kernel package, else the ELF
     * class of its modules, wins.
     */
    @Parameter(property = PropertyNames.IMPORT_ARCH)
    private String arch;

    /** The kernel release, such as {@code 2.4.21-52.EL}, of a guest without a root; a root's grub.conf wins. */
    @Parameter(property = PropertyNames.IMPORT_KERNEL)
    private String kernel;

    /** The kernel variant ({@code smp} or {@code hugemem}) of a guest without a root; a root's grub.conf wins. */
    @Parameter(property = PropertyNames.IMPORT_KERNEL_VARIANT)
    private String kernelVariant;

    /** The kmod-xenpv release the guests are to install, such as {@code 0.1-5.el}. */
    @Parameter(property = PropertyNames.IMPORT_DRIVER_RELEASE)
    private String driverRelease;

    /** The kernel release the kmod-xenpv RPM was built for, written as every guest's driverKernel; unset, the plugin's default. */
    @Parameter(property = PropertyNames.IMPORT_DRIVER_KERNEL)
    private String driverKernel;

    /** The folder that receives {@code pom.xml} and {@code import-report.txt}. */
    @Parameter(property = PropertyNames.IMPORT_OUTPUT, defaultValue = "xenpv-import")
    private File output;

    /** Whether to replace the {@code pom.xml} and {@code import-report.txt} of an earlier import, which are kept otherwise. */
    @Parameter(property = PropertyNames.IMPORT_OVERWRITE, defaultValue = "false")
    private boolean overwrite;

    /** This plugin's groupId, which the written pom.xml pins. */
    @Parameter(defaultValue = "${plugin.groupId}", readonly = true, required = true)
    private String pluginGroupId;

    /** This plugin's artifactId, which the written pom.xml pins. */
    @Parameter(defaultValue = "${plugin.artifactId}", readonly = true, required = true)
    private String pluginArtifactId;

    /** This plugin's version, which the written pom.xml pins. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path folder = output.toPath();
        List<Path> existing = ImportOutput.existing(folder);
        if (!existing.isEmpty() && !overwrite) {
            throw new MojoFailureException("xenpv: " + existing.stream().map(Path::toString).collect(Collectors.joining(
                    " and ")) + (existing.size() == 1 ? " exists" : " exist") + " from an earlier import and may hold "
                    + "your edits: nothing was read or written. Use -D" + PropertyNames.IMPORT_OVERWRITE + "=true to "
                    + "replace them, or -D" + PropertyNames.IMPORT_OUTPUT + "=<another folder>");
        }
        boolean ownPom;
        try {
            ownPom = ImportOutput.importedPom(folder);
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not read " + folder.resolve(ImportOutput.RECORD) + ": "
                    + e.getMessage(), e);
        }
        if (existing.contains(folder.resolve(ImportOutput.POM)) && !ownPom) {
            throw new MojoFailureException("xenpv: " + folder.resolve(ImportOutput.POM) + " was not written by an import "
                    + "(no record " + ImportOutput.RECORD + " beside it says so): an import replaces only its own pom.xml, "
                    + "even with -D" + PropertyNames.IMPORT_OVERWRITE + "=true; nothing was read or written. Move it "
                    + "away, or use -D" + PropertyNames.IMPORT_OUTPUT + "=<another folder>");
        }
        if (root != null && !root.isDirectory()) {
            throw new MojoFailureException("xenpv: " + PropertyNames.IMPORT_ROOT + " '" + root + "' is not a folder: "
                    + "give a guest's mounted root, or a folder of roots named after the guests");
        }
        FleetValues fleet = new FleetValues(given(arch), given(kernel), given(kernelVariant), given(driverRelease),
                given(driverKernel));
        FleetImportResult result = FleetImport.run(configs.stream().map(File::toPath).toList(),
                Optional.ofNullable(root).map(File::toPath), fleet);
        log(result);
        if (result.imported().isEmpty() && !existing.isEmpty()) {
            // a mistyped configs path must not cost the user the earlier import
            throw new MojoFailureException("xenpv: " + (result.configs().isEmpty() ? PropertyNames.IMPORT_CONFIGS
                    + " names no xm config" : "no xm config imported (the reasons are in the log above)")
                    + ": the earlier import in " + folder + " stays as it was; nothing was written");
        }
        Optional<String> pom = result.imported().isEmpty() ? Optional.empty()
                : Optional.of(PomWriter.write(result.imported(), result.configs().size(),
                        new PomWriter.Plugin(pluginGroupId, pluginArtifactId, pluginVersion), outputTimestamp(System::getenv)));
        try {
            ImportOutput.write(folder, pom, ImportReport.render(result, pluginVersion));
        } catch (IOException e) {
            throw new MojoExecutionException("xenpv: could not write the import to " + folder + ": " + e.getMessage(), e);
        }
        summary(result, folder);
    }

    private void log(FleetImportResult result) {
        result.skipped().forEach(line -> getLog().info("xenpv: " + line));
        result.notHvm().forEach(line -> getLog().info("xenpv: " + line));
        for (ImportedConfig config : result.configs()) {
            getLog().info("xenpv: " + ImportReport.heading(config));
            for (ReportLine line : config.lines()) {
                switch (line.kind()) {
                    case FAILED -> getLog().error("xenpv: " + line);
                    case CHECK, INVALID, WARNING -> getLog().warn("xenpv: " + line);
                    case KEPT -> getLog().debug("xenpv: " + line);
                    default -> getLog().info("xenpv: " + line);
                }
            }
        }
    }

    private void summary(FleetImportResult result, Path folder) throws MojoFailureException {
        int read = result.configs().size() + result.notHvm().size();
        Path report = folder.resolve(ImportOutput.REPORT);
        String notHvm = result.notHvm().isEmpty() ? "" : " (" + result.notHvm().size() + " skipped: not "
                + (result.notHvm().size() == 1 ? "an HVM guest)" : "HVM guests)");
        if (!result.imported().isEmpty()) {
            getLog().info("xenpv: " + result.imported().size() + " of " + read + (read == 1 ? " xm config" : " xm configs")
                    + notHvm + " imported into " + folder.resolve(ImportOutput.POM) + "; every key is accounted for in "
                    + report);
        } else if (result.failed().isEmpty() && read > 0) {
            getLog().info("xenpv: none of " + read + (read == 1 ? " xm config" : " xm configs") + notHvm
                    + " is an HVM guest to import: no pom.xml; see " + report);
        }
        List<String> incomplete = result.configs().stream().filter(ImportReport::incomplete)
                .map(config -> config.name().orElseThrow()).toList();
        if (!incomplete.isEmpty()) {
            getLog().warn("xenpv: " + incomplete.size() + (incomplete.size() == 1 ? " guest needs" : " guests need")
                    + " values before mvn package builds (" + String.join(", ", incomplete) + "): the lines marked "
                    + "check and invalid in " + report + " say which");
        }
        if (read == 0) {
            throw new MojoFailureException("xenpv: " + PropertyNames.IMPORT_CONFIGS + " names no xm config");
        }
        if (!result.failed().isEmpty()) {
            throw new MojoFailureException("xenpv: " + result.failed().size() + " of " + read + (read == 1 ? " xm config"
                    : " xm configs") + " failed to import: " + result.failed().stream().map(ImportedConfig::file)
                    .collect(Collectors.joining(", ")) + ". Each reason is in the log above and in " + report
                    + (result.imported().isEmpty() ? "" : "; the others are in " + folder.resolve(ImportOutput.POM)));
        }
    }

    private static Optional<String> given(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * The written project's reproducible-build time: {@code SOURCE_DATE_EPOCH} when set, else now.
     *
     * @param environment the environment's variables by name, {@code System::getenv}
     */
    static Instant outputTimestamp(UnaryOperator<String> environment) {
        String epoch = environment.apply("SOURCE_DATE_EPOCH");
        return epoch != null && epoch.matches("[0-9]{1,12}") ? Instant.ofEpochSecond(Long.parseLong(epoch)) : Instant.now();
    }
}
