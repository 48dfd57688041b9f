package io.github.xenpv.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet-scale benchmark that {@code mvn -B -Pbench verify} runs (see the README's "Benchmark").
 * For each fleet size it writes a project declaring that many guests, its filtering twin
 * ({@link FilteringTwin}) and an empty project, then measures, with Maven started afresh for every
 * build as a user's build would be, in turn run by run so that no build always follows the same one:
 * <ul>
 * <li>a cold {@code xenpv:generate} ({@code mvn -o generate-resources}), the old output removed
 *     with {@code rm -rf} first, as part of the time;
 * <li>the floor no plugin can go below: the empty project's {@code mvn -o generate-resources}, then
 *     {@code rm -rf} of an earlier copy and {@code cp -a} of the finished output (the same files and
 *     folders, copied);
 * <li>{@code copy-resources} with filtering over the same files (old output removed the same way);
 * <li>{@code xenpv:validate} alone, and a no-op rebuild: {@code generate} again over its own
 *     output, and how many files it rewrote;
 * <li>once a run, the floor of a no-op ({@link NoOpFloor}): what reading the records and looking at
 *     every file and folder costs a fresh JVM, added to validate's time, as the best a no-op could do;
 * <li>the heap of one more cold {@code generate} and one more no-op, from their GC logs;
 * <li>in this JVM, warmed up, rendering, a whole generate and a no-op per guest ({@link InProcessRender}).
 * </ul>
 * It prints the ratios the plugin is held to, generate ÷ floor and no-op ÷ validate, and beside the
 * latter the no-op's floor ÷ validate. Nothing here asserts a time: the targets are read off the
 * table, never enforced by a test.
 *
 * <p>Configured by system properties, which the {@code bench} profile in pom.xml sets:
 * {@code bench.fleetSizes}, {@code bench.runs}, {@code bench.mavenHome}, {@code bench.localRepository}
 * (where the plugin under test is installed), {@code bench.userRepository} (where other artifacts
 * come from), {@code bench.settings}, {@code bench.plugin} ({@code groupId:artifactId:version}),
 * {@code bench.resourcesPluginVersion}, {@code bench.workDirectory}.
 */
public final class FleetBenchmark {

    /** Heap of a measured build: serial GC and a small start so the log sees collections even at 100 guests. */
    private static final List<String> HEAP_MEASURING_JVM = List.of("-XX:+UseSerialGC", "-Xms32m");

    private final ChildMaven maven;
    private final String[] plugin;
    private final String resourcesPluginVersion;
    private final Path workDirectory;
    private final int runs;

    private FleetBenchmark(ChildMaven maven, String[] plugin, String resourcesPluginVersion, Path workDirectory,
            int runs) {
        this.maven = maven;
        this.plugin = plugin;
        this.resourcesPluginVersion = resourcesPluginVersion;
        this.workDirectory = workDirectory;
        this.runs = runs;
    }

    /** One line of the tables: medians of each kind of build, and the heap and in-process figures. */
    record Row(int guests, int files, Times generate, Times floor, Times filtering, Times validate, Times noOp,
            double noOpFloorMillis, long noOpRewritten, ChildMaven.Heap generateHeap, ChildMaven.Heap noOpHeap, InProcessRender.Result inProcess) {
    }

    /** Medians of one kind of build. */
    record Times(double wallSeconds, double cpuSeconds, double maxRssMib) {

        static Times median(List<ChildMaven.Run> runs) {
            return new Times(Statistics.median(runs.stream().map(ChildMaven.Run::wallSeconds).toList()),
                    Statistics.median(runs.stream().map(ChildMaven.Run::cpuSeconds).toList()),
                    Statistics.median(runs.stream().map(ChildMaven.Run::maxRssMib).toList()));
        }

        String cell() {
            return String.format(Locale.ROOT, "%.2f (%.2f)", wallSeconds, cpuSeconds);
        }

        String ratio(Times base) {
            return String.format(Locale.ROOT, "%.2f (%.2f)", wallSeconds / base.wallSeconds, cpuSeconds / base.cpuSeconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Path workDirectory = Paths.get(property("bench.workDirectory"));
        OutputTree.delete(workDirectory);
        Files.createDirectories(workDirectory);
        ChildMaven maven = childMaven(workDirectory);
        int runs = Integer.parseInt(property("bench.runs"));
        FleetBenchmark benchmark = new FleetBenchmark(maven, property("bench.plugin").split(":"),
                property("bench.resourcesPluginVersion"), workDirectory, runs);

        String machine = String.format(Locale.ROOT, "%d cores, load average %.2f at start; "
                + "default max heap (what Maven gets without -Xmx) %d MiB; %d runs per build, medians",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20, runs);
        System.out.println("xenpv fleet benchmark: " + machine);
        List<Row> rows = new ArrayList<>();
        for (int size : Arrays.stream(property("bench.fleetSizes").split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray()) {
            rows.add(benchmark.measure(size));
            System.out.println(tables(rows));
        }
        String report = "xenpv fleet benchmark: " + machine + String.format(Locale.ROOT,
                "; load average %.2f at end%n%n", loadAverage()) + tables(rows);
        Files.writeString(workDirectory.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("(also in " + workDirectory.resolve("results.md") + ")");
    }

    private Row measure(int size) throws Exception {
        Path folder = workDirectory.resolve(Integer.toString(size));
        Path fleet = folder.resolve("xenpv");
        Path twin = folder.resolve("filtering");
        Path empty = folder.resolve("empty");
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Files.createDirectories(fleet);
        Files.createDirectories(empty);
        Files.writeString(fleet.resolve("pom.xml"), fleetPom(size), StandardCharsets.UTF_8);
        Files.writeString(empty.resolve("pom.xml"), EMPTY_POM, StandardCharsets.UTF_8);
        Path bundles = fleet.resolve("target/xenpv");
        Path copy = folder.resolve("floor-copy");
        Path filtered = twin.resolve(FilteringTwin.OUTPUT);
        System.out.printf(Locale.ROOT, "%d guests: warming up (first builds also fill the local repository)%n", size);

        maven.run(fleet, "generate-resources", logs.resolve("generate-warm-up.log"), List.of());
        int files = OutputTree.files(bundles).size();
        FilteringTwin.write(twin, bundles, resourcesPluginVersion);
        maven.run(twin, "generate-resources", logs.resolve("filtering-warm-up.log"), List.of());
        FilteringTwin.checkSameFiles(bundles, filtered);
        maven.run(empty, "generate-resources", logs.resolve("floor-warm-up.log"), List.of());
        // a copy for the floor's first run to remove, as every generate run removes an earlier output:
        // without it that run alone removed nothing and created its files on a file system with
        // nothing recently freed (see the README's Benchmark page), two to three times faster
        ChildMaven.command(folder, List.of("cp", "-a", bundles.toString(), copy.toString()), logs.resolve("floor-warm-up.log"),
                Map.of());
        maven.run(fleet, validateGoal(), logs.resolve("validate-warm-up.log"), List.of());

        Map<String, List<ChildMaven.Run>> times = new LinkedHashMap<>();
        List<String> kinds = List.of("generate", "floor", "filtering", "validate", "no-op");
        kinds.forEach(kind -> times.put(kind, new ArrayList<>()));
        long rewritten = 0;
        List<Double> noOpFloor = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String kind : order(kinds, run)) {
                Path log = logs.resolve(kind + "-" + run + ".log");
                // what the last build wrote is written back now, not during this one
                ChildMaven.command(folder, List.of("sync"), log, Map.of());
                ChildMaven.Run measured = switch (kind) {
                    case "generate" -> remove(bundles, log).then(maven.run(fleet, "generate-resources", log, List.of()));
                    case "floor" -> maven.run(empty, "generate-resources", log, List.of()).then(remove(copy, log))
                            .then(ChildMaven.command(folder, List.of("cp", "-a", bundles.toString(), copy.toString()), log, Map.of()));
                    case "filtering" -> remove(filtered, log).then(maven.run(twin, "generate-resources", log, List.of()));
                    case "validate" -> maven.run(fleet, validateGoal(), log, List.of());
                    default -> {
                        Map<Path, FileTime> before = OutputTree.modificationTimes(bundles);
                        ChildMaven.Run noOp = maven.run(fleet, "generate-resources", log, List.of());
                        rewritten = Math.max(rewritten, OutputTree.rewritten(before, bundles));
                        yield noOp;
                    }
                };
                times.get(kind).add(measured);
                System.out.printf(Locale.ROOT, "%d guests, run %d: %s %.2f s (CPU %.2f s, max RSS %.0f MiB)%n", size, run, kind,
                        measured.wallSeconds(), measured.cpuSeconds(), measured.maxRssMib());
            }
            noOpFloor.add(noOpFloor(bundles, logs.resolve("no-op-floor-" + run + ".log")));
            System.out.printf(Locale.ROOT, "%d guests, run %d: no-op floor %.0f ms%n", size, run, noOpFloor.get(run - 1));
        }

        // the ratio of medians hides how far single builds spread on a machine whose speed wanders
        List<ChildMaven.Run> validates = times.get("validate");
        List<ChildMaven.Run> noOps = times.get("no-op");
        List<String> byRun = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            byRun.add(String.format(Locale.ROOT, "%.2f", noOps.get(run).wallSeconds() / validates.get(run).wallSeconds()));
        }
        System.out.printf(Locale.ROOT, "%d guests: no-op ÷ validate run by run %s%n", size, String.join(", ", byRun));

        OutputTree.delete(bundles);
        ChildMaven.Heap generateHeap = heap(fleet, logs, "generate-heap");
        ChildMaven.Heap noOpHeap = heap(fleet, logs, "no-op-heap");

        InProcessRender.Result inProcess = InProcessRender.measure(size, runs, folder.resolve("in-process"));
        return new Row(size, files, Times.median(times.get("generate")), Times.median(times.get("floor")),
                Times.median(times.get("filtering")), Times.median(times.get("validate")), Times.median(times.get("no-op")),
                Statistics.median(noOpFloor), rewritten, generateHeap, noOpHeap, inProcess);
    }

    /**
     * The order of the builds in run {@code run} (from 1): the kinds walked in steps of 1, 2, ... up
     * to one less than their number, a step per run, starting one kind later each run. With a prime
     * number of kinds each step meets them all, and in as many runs as there are steps no kind
     * follows the same one twice. Rotating one fixed order had the no-op always follow validate,
     * and validate always follow copy-resources' 13,000 new files.
     */
    static List<String> order(List<String> kinds, int run) {
        int step = (run - 1) % (kinds.size() - 1) + 1;
        List<String> order = new ArrayList<>(kinds.size());
        for (int turn = 0; turn < kinds.size(); turn++) {
            order.add(kinds.get((run - 1 + turn * step) % kinds.size()));
        }
        return order;
    }

    /** {@link NoOpFloor} over the no-op's output, in a JVM of its own: its milliseconds. */
    private static double noOpFloor(Path bundles, Path log) throws IOException, InterruptedException {
        Path result = Files.createTempFile("xenpv-bench", ".floor");
        try {
            ChildMaven.command(bundles, List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NoOpFloor.class.getName(), bundles.toString(),
                    result.toString()), log, Map.of());
            return Double.parseDouble(Files.readString(result).strip());
        } finally {
            Files.delete(result);
        }
    }

    /** {@code rm -rf} of a build's output, as a user's clean rebuild pays it. */
    private ChildMaven.Run remove(Path output, Path log) throws IOException, InterruptedException {
        return ChildMaven.command(workDirectory, List.of("rm", "-rf", output.toString()), log, Map.of());
    }

    /** One more generate-resources with the heap-measuring JVM: its GC log's peak and live heap. */
    private ChildMaven.Heap heap(Path fleet, Path logs, String name) throws IOException, InterruptedException {
        Path gcLog = logs.resolve(name + "-gc.log");
        List<String> heapOptions = new ArrayList<>(HEAP_MEASURING_JVM);
        heapOptions.add("-Xlog:gc:file=" + gcLog);
        maven.run(fleet, "generate-resources", logs.resolve(name + ".log"), heapOptions);
        return ChildMaven.heap(gcLog);
    }

    private String validateGoal() {
        return plugin[0] + ":" + plugin[1] + ":" + plugin[2] + ":validate";
    }

    /** A project with nothing to build: what Maven alone costs. */
    private static final String EMPTY_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>bench.xenpv</groupId>
              <artifactId>empty</artifactId>
              <version>1.0.0</version>
              <packaging>pom</packaging>
            </project>
            """;

    private String fleetPom(int size) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench.xenpv</groupId>
                  <artifactId>fleet</artifactId>
                  <version>1.0.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>%s</groupId>
                        <artifactId>%s</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <goals><goal>generate</goal></goals>
                          </execution>
                        </executions>
                        <configuration>
                %s        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(plugin[0], plugin[1], plugin[2], SyntheticFleet.guestsXml(size));
    }

    static String tables(List<Row> rows) {
        StringBuilder tables = new StringBuilder(
                "| guests | files | generate s (CPU s) | floor s (CPU s) | generate ÷ floor (CPU) | validate s (CPU s)"
                        + " | no-op s (CPU s) | no-op ÷ validate (CPU) | no-op floor ÷ validate (floor ms) | no-op files rewritten"
                        + " | copy-resources s (CPU s) | generate ÷ copy-resources (CPU) |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            tables.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %s | %.2f (%.0f) | %d | %s | %s |%n",
                    row.guests(), row.files(), row.generate().cell(), row.floor().cell(), row.generate().ratio(row.floor()),
                    row.validate().cell(), row.noOp().cell(), row.noOp().ratio(row.validate()),
                    (row.validate().wallSeconds() + row.noOpFloorMillis() / 1000) / row.validate().wallSeconds(),
                    row.noOpFloorMillis(), row.noOpRewritten(),
                    row.filtering().cell(), row.generate().ratio(row.filtering())));
        }
        tables.append("\n| guests | max RSS MiB: generate / floor / validate / no-op | heap peak / live MiB: generate"
                + " | heap peak / live MiB: no-op | in-process ms per guest: render CPU (KiB allocated) / generate (CPU) / no-op (CPU) |\n"
                + "|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            InProcessRender.Result in = row.inProcess();
            tables.append(String.format(Locale.ROOT, "| %d | %.0f / %.0f / %.0f / %.0f | %d / %d | %d / %d"
                    + " | %.3f (%.0f) / %.3f (%.3f) / %.3f (%.3f) |%n",
                    row.guests(), row.generate().maxRssMib(), row.floor().maxRssMib(), row.validate().maxRssMib(),
                    row.noOp().maxRssMib(), row.generateHeap().peakMib(), row.generateHeap().liveMib(),
                    row.noOpHeap().peakMib(), row.noOpHeap().liveMib(), in.renderMillis(), in.renderKib(), in.generateMillis(),
                    in.generateCpuMillis(), in.noOpMillis(), in.noOpCpuMillis()));
        }
        return tables.toString();
    }

    /** Maven as the bench profile's properties describe it, with its settings written into {@code workDirectory}. */
    static ChildMaven childMaven(Path workDirectory) throws IOException {
        Path settings = workDirectory.resolve("settings.xml");
        Files.writeString(settings, Files.readString(Paths.get(property("bench.settings")))
                .replace("@localRepositoryUrl@", Paths.get(property("bench.userRepository")).toUri().toString()));
        return new ChildMaven(Paths.get(property("bench.mavenHome")), Paths.get(property("bench.localRepository")), settings);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is required; the bench profile sets it");
        }
        return value;
    }
}
