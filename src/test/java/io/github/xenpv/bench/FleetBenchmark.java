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
import java.util.Locale;
import java.util.Map;

/**
 * The fleet-scale benchmark that {@code mvn -B -Pbench verify} runs (see the README's "Benchmark").
 * For each fleet size it writes a project declaring that many guests and its filtering twin
 * ({@link FilteringTwin}), then measures, with Maven started afresh for every build as a user's
 * build would be:
 * <ul>
 * <li>a cold {@code mvn -o generate-resources} running {@code xenpv:generate}, alternating run by run
 *     with {@code copy-resources} over the same files, medians of each;
 * <li>the heap of one more cold {@code generate}, from its GC log;
 * <li>a no-op rebuild: {@code generate} again over its own output, and how many files it rewrote;
 * <li>in this JVM, warmed up, the render time per guest and the heap the rendered bundles hold.
 * </ul>
 * Nothing here asserts a time: the targets are read off the table, never enforced by a test.
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

    /** One line of the table. */
    record Row(int guests, int files, Times generate, Times filtering, double renderMillisPerGuest,
            double retainedMib, ChildMaven.Heap heap, double noOpSeconds, long noOpRewritten) {
    }

    /** Medians of a tool's cold builds. */
    record Times(double wallSeconds, double cpuSeconds) {

        static Times median(List<ChildMaven.Run> runs) {
            return new Times(Statistics.median(runs.stream().map(ChildMaven.Run::wallSeconds).toList()),
                    Statistics.median(runs.stream().map(ChildMaven.Run::cpuSeconds).toList()));
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
                + "default max heap (what Maven gets without -Xmx) %d MiB; %d runs per tool, medians",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.getRuntime().maxMemory() >> 20, runs);
        System.out.println("xenpv fleet benchmark: " + machine);
        List<Row> rows = new ArrayList<>();
        for (int size : Arrays.stream(property("bench.fleetSizes").split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray()) {
            rows.add(benchmark.measure(size));
            System.out.println(table(rows));
        }
        String report = "xenpv fleet benchmark: " + machine + String.format(Locale.ROOT,
                "; load average %.2f at end%n%n", loadAverage()) + table(rows);
        Files.writeString(workDirectory.resolve("results.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("(also in " + workDirectory.resolve("results.md") + ")");
    }

    private Row measure(int size) throws Exception {
        Path folder = workDirectory.resolve(Integer.toString(size));
        Path fleet = folder.resolve("xenpv");
        Path twin = folder.resolve("filtering");
        Path logs = Files.createDirectories(folder.resolve("logs"));
        Files.createDirectories(fleet);
        Files.writeString(fleet.resolve("pom.xml"), fleetPom(size), StandardCharsets.UTF_8);
        Path bundles = fleet.resolve("target/xenpv");
        Path filtered = twin.resolve(FilteringTwin.OUTPUT);
        System.out.printf(Locale.ROOT, "%d guests: warming up (first builds also fill the local repository)%n", size);

        maven.run(fleet, "generate-resources", logs.resolve("generate-warm-up.log"), List.of());
        int files = OutputTree.files(bundles).size();
        FilteringTwin.write(twin, bundles, resourcesPluginVersion);
        maven.run(twin, "generate-resources", logs.resolve("filtering-warm-up.log"), List.of());
        FilteringTwin.checkSameFiles(bundles, filtered);

        List<ChildMaven.Run> generate = new ArrayList<>();
        List<ChildMaven.Run> filtering = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // alternate which tool goes first, so neither always runs right after the other's writes
            if (run % 2 == 1) {
                generate.add(coldBuild(fleet, bundles, logs.resolve("generate-" + run + ".log")));
                filtering.add(coldBuild(twin, filtered, logs.resolve("filtering-" + run + ".log")));
            } else {
                filtering.add(coldBuild(twin, filtered, logs.resolve("filtering-" + run + ".log")));
                generate.add(coldBuild(fleet, bundles, logs.resolve("generate-" + run + ".log")));
            }
            System.out.printf(Locale.ROOT, "%d guests, run %d: generate %.2f s (CPU %.2f s), copy-resources %.2f s"
                    + " (CPU %.2f s)%n", size, run, generate.get(run - 1).wallSeconds(), generate.get(run - 1).cpuSeconds(),
                    filtering.get(run - 1).wallSeconds(), filtering.get(run - 1).cpuSeconds());
        }

        OutputTree.delete(bundles);
        Path gcLog = logs.resolve("generate-gc.log");
        List<String> heapOptions = new ArrayList<>(HEAP_MEASURING_JVM);
        heapOptions.add("-Xlog:gc:file=" + gcLog);
        maven.run(fleet, "generate-resources", logs.resolve("generate-heap.log"), heapOptions);
        ChildMaven.Heap heap = ChildMaven.heap(gcLog);

        List<Double> noOp = new ArrayList<>();
        long rewritten = 0;
        for (int run = 1; run <= runs; run++) {
            Map<Path, FileTime> before = OutputTree.modificationTimes(bundles);
            noOp.add(maven.run(fleet, "generate-resources", logs.resolve("no-op-" + run + ".log"), List.of())
                    .wallSeconds());
            rewritten = Math.max(rewritten, OutputTree.rewritten(before, bundles));
        }

        InProcessRender.Result render = InProcessRender.measure(size, runs, folder.resolve("in-process"));
        return new Row(size, files, Times.median(generate), Times.median(filtering), render.millisPerGuest(),
                render.retainedMib(), heap, Statistics.median(noOp), rewritten);
    }

    /** {@code generate-resources} into an empty output folder. */
    private ChildMaven.Run coldBuild(Path project, Path output, Path log) throws IOException, InterruptedException {
        OutputTree.delete(output);
        return maven.run(project, "generate-resources", log, List.of());
    }

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

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(
                "| guests | files | generate s (CPU s) | copy-resources s (CPU s) | ratio (CPU ratio) | render ms/guest"
                        + " | bundles in memory MiB | build heap peak / live MiB | no-op s | no-op files rewritten |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Times generate = row.generate();
            Times filtering = row.filtering();
            table.append(String.format(Locale.ROOT,
                    "| %d | %d | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.3f | %.1f | %d / %d | %.2f | %d |%n",
                    row.guests(), row.files(), generate.wallSeconds(), generate.cpuSeconds(), filtering.wallSeconds(),
                    filtering.cpuSeconds(), generate.wallSeconds() / filtering.wallSeconds(),
                    generate.cpuSeconds() / filtering.cpuSeconds(), row.renderMillisPerGuest(), row.retainedMib(),
                    row.heap().peakMib(), row.heap().liveMib(), row.noOpSeconds(), row.noOpRewritten()));
        }
        return table.toString();
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
