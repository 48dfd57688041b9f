package io.github.xenpv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Maven on a generated project the way a user's build would, offline against the local
 * repository where the plugin under test was installed. Artifacts missing there (the resources
 * plugin, say) are copied from the user's own local repository, which the ITs' settings file
 * offers as a {@code file:} repository; {@code aether.offline.protocols=file} lets an offline build
 * read it, so no run ever reaches the network.
 */
final class ChildMaven {

    /** A line of {@code -Xlog:gc}: heap before and after a collection, e.g. {@code 68M->5M(247M)}. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private final Path mavenHome;
    private final Path localRepository;
    private final Path settings;

    ChildMaven(Path mavenHome, Path localRepository, Path settings) {
        this.mavenHome = mavenHome;
        this.localRepository = localRepository;
        this.settings = settings;
    }

    /**
     * How long a command took: wall clock, including Maven's own start-up as a user would wait for
     * it, and the CPU time (user and system) it used, which other work on the machine disturbs less;
     * and the most memory it held resident, in MiB (0 where GNU time is not there to tell).
     */
    record Run(double wallSeconds, double cpuSeconds, double maxRssMib) {

        /** Commands run one after the other, as one: times add up, memory is the largest. */
        Run then(Run next) {
            return new Run(wallSeconds + next.wallSeconds, cpuSeconds + next.cpuSeconds, Math.max(maxRssMib, next.maxRssMib));
        }
    }

    /** The heap of one build as its GC log shows it. */
    record Heap(long peakMib, long liveMib) {
    }

    /** GNU time, which reports a child's largest resident set; Java cannot ask for one child's. */
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    Run run(Path project, String goal, Path log, List<String> jvmOptions) throws IOException, InterruptedException {
        return run(project, List.of("-f", project.resolve("pom.xml").toString(), goal), log, jvmOptions);
    }

    /** Maven with these arguments in {@code directory}, which needs no pom.xml (a goal that needs no project). */
    Run run(Path directory, List<String> arguments, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-o",
                "-s", settings.toString(), "-Dmaven.repo.local=" + localRepository, "-Daether.offline.protocols=file"));
        command.addAll(arguments);
        return command(directory, command, log, Map.of("MAVEN_OPTS", String.join(" ", jvmOptions)));
    }

    /** Any command in {@code directory}, its output into {@code log}; fails when it fails. */
    static Run command(Path directory, List<String> command, Path log, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path rss = Files.createTempFile("xenpv-bench", ".rss");
        List<String> measured = new ArrayList<>();
        if (Files.isExecutable(GNU_TIME)) {
            measured.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
        }
        measured.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(measured).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            double cpuBefore = reapedChildrenCpuSeconds();
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = reapedChildrenCpuSeconds() - cpuBefore;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + directory + " failed with exit "
                        + exit + "; see " + log);
            }
            String kib = Files.readString(rss).strip();
            return new Run(seconds, cpu, kib.matches("\\d+") ? Long.parseLong(kib) / 1024.0 : 0);
        } finally {
            Files.delete(rss);
        }
    }

    /**
     * CPU seconds of this JVM's child processes that have ended and been waited for: fields
     * cutime and cstime of {@code /proc/self/stat}, in clock ticks of 1/100 s (Linux's USER_HZ).
     * Java has no other way to read a finished child's CPU time.
     */
    private static double reapedChildrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    /**
     * The most the heap held just before any collection, and the most that survived one: the
     * peak a build needs, and the live data that peak is made of.
     */
    static Heap heap(Path gcLog) throws IOException {
        long peak = 0;
        long live = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher matcher = GC_LINE.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                live = Math.max(live, Long.parseLong(matcher.group(2)));
            }
        }
        return new Heap(peak, live);
    }
}
