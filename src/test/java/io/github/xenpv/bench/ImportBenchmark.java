package io.github.xenpv.bench;

import io.github.xenpv.fleet.FleetImport;
import io.github.xenpv.fleet.FleetImportResult;
import io.github.xenpv.fleet.FleetValues;
import io.github.xenpv.fleet.ImportReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The import at fleet scale (README, "Benchmark"): a dom0's {@code /etc/xen} of N guests, with a
 * mounted root each, imported with one command and the written project built with one more,
 * as an operator would run them:
 * <pre>
 * mvn io.github.xenpv:xenpv-maven-plugin:VERSION:import -Dxenpv.import.configs=etc-xen -Dxenpv.import.root=roots ...
 * mvn -f xenpv-import/pom.xml package
 * </pre>
 * The guests are the four of the import IT ({@code it/import-rhel5-dom0}: virt-install configs, one
 * edited by hand, one moved by hand; their roots), each repeated N/4 times under new names, MACs,
 * UUIDs and disk sources. Each run starts from an empty output folder; medians of the runs are
 * printed with the in-process import time per config. Nothing here asserts a time; it only checks
 * that every config imported whole and every guest was built.
 *
 * <p>System properties (the bench profile sets them): {@code bench.importFleetSizes},
 * {@code bench.importTemplates} (the IT folder), {@code bench.runs}, {@code bench.workDirectory},
 * {@code bench.plugin} and those of {@link FleetBenchmark#childMaven}.
 */
public final class ImportBenchmark {

    private static final Pattern MAC = Pattern.compile("(?i)00:16:3e:3a:7c:0([0-9])");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> TEMPLATES = List.of("rhel3_web", "rhel3_db", "rhel3_mail", "rhel3_app");

    /** One line of the table. */
    record Row(int configs, int reportLines, int bundleFiles, double importSeconds, double importCpu, double packageSeconds, double packageCpu, double inProcessMillis) {
    }

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workDirectory = Paths.get(FleetBenchmark.property("bench.workDirectory"));
        OutputTree.delete(workDirectory);
        Files.createDirectories(workDirectory);
        ChildMaven maven = FleetBenchmark.childMaven(workDirectory);
        Path templates = Paths.get(FleetBenchmark.property("bench.importTemplates"));
        String[] plugin = FleetBenchmark.property("bench.plugin").split(":");
        int runs = Integer.parseInt(FleetBenchmark.property("bench.runs"));
        String machine = String.format(Locale.ROOT, "%d cores, load average %.2f at start; %d runs, medians",
                Runtime.getRuntime().availableProcessors(), FleetBenchmark.loadAverage(), runs);
        System.out.println("xenpv import benchmark: " + machine);
        List<Row> rows = new ArrayList<>();
        for (int size : Arrays.stream(FleetBenchmark.property("bench.importFleetSizes").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray()) {
            rows.add(measure(maven, templates, plugin, workDirectory.resolve(Integer.toString(size)), size, runs));
            System.out.println(table(rows));
        }
        String report = "xenpv import benchmark: " + machine + String.format(Locale.ROOT,
                "; load average %.2f at end%n%n", FleetBenchmark.loadAverage()) + table(rows);
        Files.writeString(workDirectory.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("(also in " + workDirectory.resolve("results.md") + ")");
    }

    private static Row measure(ChildMaven maven, Path templates, String[] plugin, Path folder, int size, int runs)
            throws Exception {
        Path logs = Files.createDirectories(folder.resolve("logs"));
        write(templates, folder, size);
        List<String> importGoal = List.of(plugin[0] + ":" + plugin[1] + ":" + plugin[2] + ":import",
                "-Dxenpv.import.configs=etc-xen", "-Dxenpv.import.root=roots", "-Dxenpv.import.arch=i686",
                "-Dxenpv.import.driverRelease=0.1-5.el", "-Dxenpv.import.overwrite=true");
        Path project = folder.resolve("xenpv-import");
        System.out.printf(Locale.ROOT, "%d configs: warming up (the first builds also fill the local repository)%n", size);
        maven.run(folder, importGoal, logs.resolve("import-warm-up.log"), List.of());
        maven.run(project, "package", logs.resolve("package-warm-up.log"), List.of());
        List<ChildMaven.Run> imports = new ArrayList<>();
        List<ChildMaven.Run> packages = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            OutputTree.delete(project);
            imports.add(maven.run(folder, importGoal, logs.resolve("import-" + run + ".log"), List.of()));
            packages.add(maven.run(project, "package", logs.resolve("package-" + run + ".log"), List.of()));
            System.out.printf(Locale.ROOT, "%d configs, run %d: import %.2f s (CPU %.2f s), package %.2f s (CPU %.2f s)%n",
                    size, run, imports.get(run - 1).wallSeconds(), imports.get(run - 1).cpuSeconds(),
                    packages.get(run - 1).wallSeconds(), packages.get(run - 1).cpuSeconds());
        }
        String report = Files.readString(project.resolve("import-report.txt"));
        if (!report.contains("configs: " + size + " read, " + size + " imported into pom.xml, 0 failed\n"
                + "guests to complete before mvn package builds: 0\n")) {
            throw new IllegalStateException("not every config imported whole; see " + project.resolve("import-report.txt"));
        }
        try (Stream<Path> archives = Files.list(project.resolve("target"))) {
            long built = archives.filter(file -> file.getFileName().toString().endsWith(".tar.gz")).count();
            if (built != size) {
                throw new IllegalStateException(built + " bundles built for " + size + " guests; see " + logs);
            }
        }
        return new Row(size, (int) report.lines().count(), OutputTree.files(project.resolve("target/xenpv")).size(),
                Statistics.median(imports.stream().map(ChildMaven.Run::wallSeconds).toList()),
                Statistics.median(imports.stream().map(ChildMaven.Run::cpuSeconds).toList()),
                Statistics.median(packages.stream().map(ChildMaven.Run::wallSeconds).toList()),
                Statistics.median(packages.stream().map(ChildMaven.Run::cpuSeconds).toList()),
                inProcess(folder, runs));
    }

    /** Milliseconds per config of {@link FleetImport#run} in this JVM, warmed up: the import without Maven around it. */
    private static double inProcess(Path folder, int runs) {
        FleetValues fleet = new FleetValues(Optional.of("i686"), Optional.empty(), Optional.empty(), Optional.of("0.1-5.el"),
                Optional.empty());
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < runs + 2; run++) {
            long start = System.nanoTime();
            FleetImportResult result = FleetImport.run(List.of(folder.resolve("etc-xen")), Optional.of(folder.resolve("roots")),
                    fleet);
            double elapsed = (System.nanoTime() - start) / 1e6 / result.configs().size();
            if (result.configs().stream().anyMatch(config -> config.failed() || ImportReport.incomplete(config))) {
                throw new IllegalStateException("the in-process import did not take every config whole");
            }
            if (run >= 2) {
                millis.add(elapsed);
            }
        }
        return Statistics.median(millis);
    }

    /** The fleet: the IT's four guests, {@code size / 4} times each, every name, MAC, UUID and source its own. */
    static void write(Path templates, Path folder, int size) throws IOException {
        Path configs = Files.createDirectories(folder.resolve("etc-xen"));
        for (int i = 0; i < size; i++) {
            String template = TEMPLATES.get(i % TEMPLATES.size());
            String name = String.format(Locale.ROOT, "%s_%04d", template, i);
            int index = i;
            Files.writeString(configs.resolve(name), renamed(Files.readString(templates.resolve("etc-xen").resolve(template)),
                    template, name, index));
            Path root = templates.resolve("roots").resolve(template);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.toList()) {
                    Path copy = folder.resolve("roots").resolve(name).resolve(root.relativize(file).toString());
                    if (Files.isSymbolicLink(file)) {
                        Files.createDirectories(copy.getParent());
                        Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                    } else if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.writeString(copy, renamed(Files.readString(file), template, name, index));
                    }
                }
            }
        }
    }

    private static String renamed(String text, String template, String name, int index) {
        String renamed = text.replace(template, name);
        Matcher mac = MAC.matcher(renamed);
        StringBuilder macs = new StringBuilder();
        while (mac.find()) {
            int nic = index * 8 + Integer.parseInt(mac.group(1));
            mac.appendReplacement(macs, String.format(Locale.ROOT, "00:16:3e:%02x:%02x:%02x", (nic >> 16) & 0x7f,
                    (nic >> 8) & 0xff, nic & 0xff));
        }
        mac.appendTail(macs);
        Matcher uuid = UUID_TEXT.matcher(macs);
        StringBuilder uuids = new StringBuilder();
        while (uuid.find()) {
            uuid.appendReplacement(uuids, UUID.nameUUIDFromBytes((name + uuid.group()).getBytes(StandardCharsets.UTF_8))
                    .toString());
        }
        return uuid.appendTail(uuids).toString();
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("| configs | report lines | bundle files built | import s (CPU s) "
                + "| package s (CPU s) | import + package s | import ms/config in-process |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %d | %d | %d | %.2f (%.2f) | %.2f (%.2f) | %.2f | %.2f |%n",
                    row.configs(), row.reportLines(), row.bundleFiles(), row.importSeconds(), row.importCpu(),
                    row.packageSeconds(), row.packageCpu(), row.importSeconds() + row.packageSeconds(),
                    row.inProcessMillis()));
        }
        return table.toString();
    }
}
