package io.github.xenpv.checkers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Feeds a generated file to the real third-party program that reads it (see
 * {@code /work/shared/VALIDATORS.md}) and returns what that program understood.
 *
 * <p>Every method fails with an {@link AssertionError} carrying the checker's own output when
 * the file is rejected. When a checker is not installed, the test is aborted (skipped, with a
 * {@code SKIPPED: ...} line naming the Debian package on stderr, and listed again at the end of
 * the run) unless the environment variable {@code CI} is {@code true}, in which case it fails:
 * CI must install everything ({@code .ci/run}). See {@link #unavailable}.
 */
public final class Checkers {

    private static final long TIMEOUT_SECONDS = 120;
    private static final String PYGRUB_DIR = "/usr/lib/xen-4.17/lib/python";

    /**
     * The external programs and libraries used. What each one is and the Debian package providing
     * it come from {@code /checkers/tools.txt}, which {@code .ci/run} installs from: one table for
     * both, so they cannot drift apart.
     */
    public enum Tool {
        PYTHON3,
        /** Xen's config parser, loaded by xmconfig.py through ctypes (with libxenlight.so.4.17). */
        LIBXLUTIL,
        /** pygrub's GrubConf.py, imported by grubconf.py. */
        PYGRUB,
        FINDMNT,
        MODPROBE,
        /** The host's real depmod, which install-guest.sh must never run on a guest image. */
        DEPMOD,
        SHELLCHECK,
        DASH,
        BUSYBOX,
        BASH,
        /** Installs the stand-in kmod-xenpv into a scratch root's database, as install-guest.sh does. */
        RPM,
        /** Builds the stand-in kmod-xenpv RPM. */
        RPMBUILD,
        /** Writes the Berkeley DB {@code Packages} file of a guest root's rpm database, which Debian's rpm only reads. */
        DB_LOAD,
        /** A private mount namespace, for the cases that run a script with a scratch folder as its /. */
        UNSHARE,
        /** A process group of its own for a script run, so a test can SIGKILL the whole run. */
        SETSID;

        /** What is looked up: the command's name, or a library or file for the others. */
        public String label() {
            return ToolTable.row(this).label();
        }

        public String debianPackage() {
            return ToolTable.row(this).debianPackage();
        }
    }

    /** {@code /checkers/tools.txt}: per {@link Tool} constant, its Debian package and label. */
    static final class ToolTable {

        static final Map<String, Row> ROWS = load();

        record Row(String debianPackage, String label) {
        }

        private ToolTable() {
        }

        static Row row(Tool tool) {
            Row row = ROWS.get(tool.name());
            if (row == null) {
                throw new IllegalStateException("/checkers/tools.txt has no row for " + tool.name());
            }
            return row;
        }

        private static Map<String, Row> load() {
            try (InputStream in = Checkers.class.getResourceAsStream("/checkers/tools.txt")) {
                if (in == null) {
                    throw new IllegalStateException("test resource /checkers/tools.txt is missing");
                }
                Map<String, Row> rows = new LinkedHashMap<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int comment = line.indexOf('#');
                    String[] fields = (comment < 0 ? line : line.substring(0, comment)).strip().split("\\s+", 3);
                    if (fields.length == 3) {
                        rows.put(fields[0], new Row(fields[1], fields[2]));
                    } else if (!fields[0].isEmpty()) {
                        throw new IllegalStateException("/checkers/tools.txt: want 'TOOL package label', got: " + line);
                    }
                }
                return Collections.unmodifiableMap(rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The shells every generated script must run under, each as the command that runs a script
     * with it ({@code command(script)}) or checks its syntax ({@code command("-n", script)}).
     */
    public enum Shell {
        DASH(Tool.DASH),
        BUSYBOX_SH(Tool.BUSYBOX, "sh"),
        BASH_POSIX(Tool.BASH, "--posix");

        private final Tool tool;
        private final List<String> options;

        Shell(Tool tool, String... options) {
            this.tool = tool;
            this.options = List.of(options);
        }

        /** The shell's command line with {@code arguments} appended; skips or fails when the shell is missing. */
        public List<String> command(String... arguments) {
            List<String> command = new ArrayList<>();
            command.add(require(tool).toString());
            command.addAll(options);
            command.addAll(List.of(arguments));
            return command;
        }

        /** As the shell is called: {@code dash}, {@code busybox sh}, {@code bash --posix}. */
        @Override
        public String toString() {
            return String.join(" ", tool.label(), String.join(" ", options)).strip();
        }
    }

    /**
     * What the xm config means to Python and to libxlutil.
     *
     * @param python  every top-level name the file defines when executed as Python: String, Long
     *                or List&lt;String&gt; values (anything else is already a failure)
     * @param strings the string keys as libxlutil reads them
     * @param longs   the integer keys as libxlutil reads them
     * @param disk    the {@code disk} list as libxlutil reads it
     * @param vif     the {@code vif} list as libxlutil reads it (libxl does not parse vif strings)
     * @param disks   per disk string, {@code libxl_device_disk_to_json} of what
     *                {@code xlu_disk_parse} made of it, e.g. {@code {format=raw,
     *                pdev_path=/x, vdev=xvda, readwrite=1}} (keys at their default are left out:
     *                a read-only disk has no {@code readwrite})
     */
    public record XmConfig(Map<String, Object> python, Map<String, String> strings,
            Map<String, Long> longs, List<String> disk, List<String> vif,
            List<Map<String, Object>> disks) {

        /** A string key as libxlutil read it; fails when absent or not a string. */
        public String string(String key) {
            String v = strings.get(key);
            if (v == null) {
                throw new AssertionError("xm config has no string key '" + key + "'; strings: "
                        + strings + ", integers: " + longs);
            }
            return v;
        }

        /** An integer key as libxlutil read it; fails when absent or not an integer. */
        public long number(String key) {
            Long v = longs.get(key);
            if (v == null) {
                throw new AssertionError("xm config has no integer key '" + key + "'; integers: "
                        + longs + ", strings: " + strings);
            }
            return v;
        }
    }

    /** What pygrub made of a grub.conf. {@code timeout} is -1 when the file sets none. */
    public record GrubConfig(int defaultEntry, int timeout, List<GrubImage> images) {
    }

    /**
     * One boot entry as pygrub parsed it. {@code root} is rebuilt from the parsed disk and
     * partition ({@code (hd0,0)}); kernel and initrd are paths, prefixed by {@code (hdN,M)} when
     * the file gave a device; {@code args} is everything after the kernel path, or null.
     */
    public record GrubImage(String title, String root, String kernel, String args, String initrd) {
    }

    /** One fstab line as util-linux (libmount) parsed it; options is null when the line has none. */
    public record FstabEntry(String source, String target, String fstype, String options,
            int freq, int passno) {
    }

    private static final Map<String, Path> SCRIPTS = new ConcurrentHashMap<>();

    private Checkers() {
    }

    // ------------------------------------------------------------------ checkers
    //
    // Each checker reads any number of files in one run of the real program (xmconfig.py, grubconf.py,
    // findmnt, modprobe, shellcheck), so a property test reads a try's files once per checker; the
    // one-file methods are those runs with one file.

    /**
     * Runs {@code xmconfig.py}: executes the file as Python (as xm does), parses it with Xen
     * 4.17's libxlutil, runs {@code xlu_disk_parse} on every disk string. Any Python error,
     * libxlutil syntax error, rejected disk spec, libxlutil warning (including "looks like it
     * contains Python code"), or disagreement between the two readings fails.
     */
    public static XmConfig xmConfig(Path file) {
        return xmConfigs(List.of(file)).get(file);
    }

    /** {@link #xmConfig} of every file, in one run of {@code xmconfig.py}; fails naming each file it rejects. */
    public static Map<Path, XmConfig> xmConfigs(List<Path> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path python = require(Tool.PYTHON3);
        require(Tool.LIBXLUTIL);
        Result r = run(command(List.of(python.toString(), script("xmconfig.py").toString()), files));
        if (r.exit == 3) {
            missing(Tool.LIBXLUTIL, r.describe());
        }
        if (r.exit != 0 || !r.stderr.isBlank()) {
            throw failure("Xen config rejected (Python exec / libxlutil 4.17)", files, r);
        }
        List<Object> parsed = oneEach(parseJson(r, files), files, r);
        Map<Path, XmConfig> configs = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> top = asMap(parsed.get(i));
            Map<String, Object> libxl = asMap(top.get("libxl"));
            Map<String, String> strings = new LinkedHashMap<>();
            asMap(libxl.get("strings")).forEach((k, v) -> strings.put(k, (String) v));
            Map<String, Long> longs = new LinkedHashMap<>();
            asMap(libxl.get("longs")).forEach((k, v) -> longs.put(k, (Long) v));
            Map<String, Object> lists = asMap(libxl.get("lists"));
            List<Map<String, Object>> disks = new ArrayList<>();
            for (Object d : asList(libxl.get("disks"))) {
                disks.add(asMap(d));
            }
            configs.put(files.get(i), new XmConfig(asMap(top.get("python")), Collections.unmodifiableMap(strings),
                    Collections.unmodifiableMap(longs), strings(lists.get("disk")),
                    strings(libxl.get("vif")), Collections.unmodifiableList(disks)));
        }
        return configs;
    }

    /**
     * Runs {@code grubconf.py}: pygrub's {@code GrubConf.GrubConfigFile}. Any warning pygrub
     * logs (unknown directive, unknown image directive, invalid default), an exception, no
     * image, a title pygrub dropped, an image without kernel, or a default past the last
     * image fails.
     */
    public static GrubConfig grubConf(Path file) {
        return grubConfs(List.of(file)).get(file);
    }

    /** {@link #grubConf} of every file, in one run of {@code grubconf.py}; fails naming each file it rejects. */
    public static Map<Path, GrubConfig> grubConfs(List<Path> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path python = require(Tool.PYTHON3);
        require(Tool.PYGRUB);
        Result r = run(command(List.of(python.toString(), script("grubconf.py").toString()), files));
        if (r.exit == 3) {
            missing(Tool.PYGRUB, r.describe());
        }
        if (r.exit != 0 || !r.stderr.isBlank()) {
            throw failure("grub.conf rejected (pygrub GrubConf)", files, r);
        }
        List<Object> parsed = oneEach(parseJson(r, files), files, r);
        Map<Path, GrubConfig> configs = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Object> top = asMap(parsed.get(i));
            List<GrubImage> images = new ArrayList<>();
            for (Object o : asList(top.get("images"))) {
                Map<String, Object> m = asMap(o);
                images.add(new GrubImage((String) m.get("title"), (String) m.get("root"),
                        (String) m.get("kernel"), (String) m.get("args"), (String) m.get("initrd")));
            }
            Object timeout = top.get("timeout");
            configs.put(files.get(i), new GrubConfig(((Long) top.get("default")).intValue(),
                    timeout == null ? -1 : ((Long) timeout).intValue(),
                    Collections.unmodifiableList(images)));
        }
        return configs;
    }

    /**
     * Runs util-linux {@code findmnt --tab-file F -J}. Fails on anything on stderr
     * ({@code parse error at line N -- ignored}) or when the number of entries differs from
     * the number of non-blank, non-comment lines (a line libmount silently dropped).
     */
    public static List<FstabEntry> fstab(Path file) {
        return fstabs(List.of(file)).get(file);
    }

    /**
     * {@link #fstab} of every file, in one run of findmnt with a {@code --tab-file} per file. findmnt
     * lists the entries of all files in order without saying which file each came from; since it
     * must read every non-comment line of each (the count check), the first file's count of lines
     * are its entries, and so on.
     */
    public static Map<Path, List<FstabEntry>> fstabs(List<Path> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path findmnt = require(Tool.FINDMNT);
        List<String> command = new ArrayList<>(List.of(findmnt.toString()));
        long lines = 0;
        for (Path file : files) {
            command.addAll(List.of("--tab-file", abs(file)));
            lines += countConfigLines(file);
        }
        command.addAll(List.of("-J", "-o", "SOURCE,TARGET,FSTYPE,OPTIONS,FREQ,PASSNO"));
        Result r = run(command);
        if (!r.stderr.isBlank()) {
            throw failure("fstab rejected (util-linux findmnt)", files, r);
        }
        List<FstabEntry> entries = new ArrayList<>();
        if (r.stdout.isBlank()) {
            // findmnt exits 1 without output when the tables hold no entry at all
            if (lines != 0) {
                throw failure("fstab: findmnt found no entry in " + lines + " line(s)", files, r);
            }
        } else if (r.exit != 0) {
            throw failure("fstab rejected (util-linux findmnt)", files, r);
        } else {
            for (Object o : asList(asMap(parseJson(r, files)).get("filesystems"))) {
                Map<String, Object> m = asMap(o);
                entries.add(new FstabEntry((String) m.get("source"), (String) m.get("target"),
                        (String) m.get("fstype"), (String) m.get("options"), intOf(m.get("freq")),
                        intOf(m.get("passno"))));
            }
        }
        if (entries.size() != lines) {
            throw failure("fstab: findmnt parsed " + entries.size() + " entries but the files have "
                    + lines + " non-comment lines", files, r);
        }
        Map<Path, List<FstabEntry>> tables = new LinkedHashMap<>();
        int next = 0;
        for (Path file : files) {
            int count = (int) countConfigLines(file);
            tables.put(file, List.copyOf(entries.subList(next, next + count)));
            next += count;
        }
        return tables;
    }

    /**
     * Runs kmod {@code modprobe -C F -c}. Fails when modprobe writes anything to stderr
     * ({@code ignoring bad line ...}; its exit code stays 0). Returns the {@code alias} lines of
     * the file's part of the dump, as modprobe prints them (module names with underscores,
     * e.g. {@code alias eth0 xen_vnif}); the kernel's built-in options and the index dump are
     * left out.
     */
    public static List<String> modulesConf(Path file) {
        return modulesConfs(List.of(file)).get(file);
    }

    /**
     * {@link #modulesConf} of every file, in one run of modprobe. modprobe reads a folder's
     * {@code .conf} files in name order and takes one file of each name only, so the files are
     * copied into a folder as {@code 000.conf}, {@code 001.conf}, ...; its dump says not which file
     * an alias came from, but with nothing on stderr it took every {@code alias} line of each, in
     * order, so each file's count of those lines are its aliases.
     */
    public static Map<Path, List<String>> modulesConfs(List<Path> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path modprobe = require(Tool.MODPROBE);
        Path folder = null;
        try {
            folder = Files.createTempDirectory("xenpv-modprobe-");
            List<Path> copies = new ArrayList<>();
            for (Path file : files) {
                Path copy = folder.resolve(String.format(java.util.Locale.ROOT, "%03d.conf", copies.size()));
                Files.copy(Path.of(abs(file)), copy);
                copies.add(copy);
            }
            Result r = run(List.of(modprobe.toString(), "-C", folder.toString(), "-c"));
            for (int i = 0; i < files.size(); i++) {
                // name the files the caller gave in modprobe's words
                r = r.replace(copies.get(i).toString(), files.get(i).toString());
            }
            if (r.exit != 0 || !r.stderr.isBlank()) {
                throw failure("modules.conf rejected (kmod modprobe -c)", files, r);
            }
            List<String> aliases = new ArrayList<>();
            for (String line : r.stdout.split("\n", -1)) {
                if (line.startsWith("# End of configuration files")) {
                    break;
                }
                if (line.startsWith("alias ")) {
                    aliases.add(line.strip());
                }
            }
            Map<Path, List<String>> confs = new LinkedHashMap<>();
            int next = 0;
            for (Path file : files) {
                int count = (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.strip().split("\\s+")[0].equals("alias")).count();
                if (next + count > aliases.size()) {
                    throw failure("modprobe printed " + aliases.size() + " aliases, fewer than the files' alias lines",
                            files, r);
                }
                confs.put(file, List.copyOf(aliases.subList(next, next + count)));
                next += count;
            }
            if (next != aliases.size()) {
                throw failure("modprobe printed " + aliases.size() + " aliases, but the files have " + next + " alias lines",
                        files, r);
            }
            return confs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(folder);
        }
    }

    /**
     * Checks a POSIX sh script: {@code shellcheck --norc -s sh} must exit 0 with no finding
     * (any severity), and {@code dash -n}, {@code busybox sh -n} and {@code bash --posix -n}
     * must accept its syntax silently. All four run; the failure lists every complaint.
     */
    public static void shellScript(Path file) {
        shellScripts(List.of(file));
    }

    /**
     * {@link #shellScript} of every file: one shellcheck run over all of them (it parses and
     * reports each file on its own), and one dash running each shell's {@code -n} on each file in
     * turn (a shell checks one script per run).
     */
    public static void shellScripts(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        Path shellcheck = require(Tool.SHELLCHECK);
        List<String> paths = files.stream().map(Checkers::abs).toList();
        StringBuilder complaints = new StringBuilder();
        Result checked = run(command(List.of(shellcheck.toString(), "--norc", "-s", "sh"), files));
        if (checked.exit != 0 || !checked.stderr.isBlank() || !checked.stdout.isBlank()) {
            complaints.append(checked.describe()).append('\n');
        }
        // for each file and shell: "$ <shell> -n <file>", its exit code and output, when it says anything or fails
        StringBuilder loop = new StringBuilder("for f do\n");
        for (Shell shell : Shell.values()) {
            String command = String.join(" ", shell.command("-n"));
            loop.append("  out=$(").append(command).append(" \"$f\" 2>&1) || out=\"$out\n(exit $?)\"\n")
                    .append("  [ -z \"$out\" ] || printf '$ %s\\n%s\\n' \"").append(shell).append(" -n $f\" \"$out\"\n");
        }
        loop.append("done\n");
        List<String> driver = new ArrayList<>(List.of(require(Tool.DASH).toString(), "-c", loop.toString(), "shells"));
        driver.addAll(paths);
        Result syntax = run(driver);
        if (syntax.exit != 0 || !syntax.stderr.isBlank() || !syntax.stdout.isBlank()) {
            complaints.append(syntax.stdout).append(syntax.stderr);
        }
        if (complaints.length() > 0) {
            throw new AssertionError("shell script rejected: " + String.join(", ", paths) + "\n" + complaints
                    + numbered(named(files, complaints.toString())));
        }
    }

    // ------------------------------------------------------------------ tools

    /**
     * Finds a tool, or skips (locally) / fails (when {@code CI=true}) the current test with
     * the Debian package to install. Returns the program or library path.
     */
    public static Path require(Tool tool) {
        Optional<Path> found = switch (tool) {
            case LIBXLUTIL -> findLibrary("libxlutil.so.4.17")
                    .filter(p -> findLibrary("libxenlight.so.4.17").isPresent());
            case PYGRUB -> Optional.of(Paths.get(PYGRUB_DIR, "grub", "GrubConf.py"))
                    .filter(Files::isRegularFile);
            default -> findCommand(tool.label());
        };
        if (found.isEmpty()) {
            missing(tool, null);
        }
        return found.get();
    }

    private static void missing(Tool tool, String detail) {
        if (detail != null) {
            System.err.println(detail);
        }
        unavailable(tool.label() + " is not installed",
                "apt-get install " + tool.debianPackage() + " (sudo bash .ci/run installs every checker)");
    }

    /**
     * Creating block device nodes, as xenpv-mknod and install-guest.sh do in a scratch root: skips
     * (locally) or fails (when {@code CI=true}) the current test when this process cannot.
     */
    public static void requireMknod() {
        if (!Mknod.WORKS) {
            unavailable("creating block device nodes (mknod) needs root", "run the tests as root");
        }
    }

    /**
     * Makes a device node, {@code b} (block) or {@code c} (character), after {@link #requireMknod}:
     * skipped or failed as that says when this process cannot; a node it could not make fails the test.
     */
    public static void mknod(Path node, String type, int major, int minor) {
        requireMknod();
        Result made = run(List.of("mknod", node.toString(), type, Integer.toString(major), Integer.toString(minor)));
        if (made.exit != 0) {
            throw new AssertionError("mknod " + node + " failed:\n" + made.describe());
        }
    }

    /** Probed once, on first use. */
    private static final class Mknod {
        static final boolean WORKS = probeMknod();
    }

    private static boolean probeMknod() {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("xenpv-mknod-probe");
            Path node = folder.resolve("probe");
            boolean made = run(List.of("mknod", node.toString(), "b", "202", "0")).exit == 0;
            deleteQuietly(node);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /**
     * Something a test needs is not there. Outside CI the test is skipped with a {@code SKIPPED:}
     * line on stderr ({@link SkippedTestsSummary} lists every skip again at the end of the run);
     * with {@code CI=true} it fails, since CI must run everything ({@code .ci/run} installs the
     * checkers).
     *
     * @param what   what is missing, e.g. "shellcheck is not installed"
     * @param remedy what a user does about it, e.g. "apt-get install shellcheck"
     */
    public static void unavailable(String what, String remedy) {
        unavailable(what, remedy, "true".equalsIgnoreCase(System.getenv("CI")), System.err);
    }

    /** As {@link #unavailable(String, String)}, the {@code SKIPPED:} line to {@code log}: tests of the mechanism keep it out of the build's log. */
    static void unavailable(String what, String remedy, boolean ci, PrintStream log) {
        if (ci) {
            throw new Unavailable("CI=true but " + what + ": " + remedy);
        }
        String message = "SKIPPED: " + what + ": " + remedy;
        log.println(message);
        Assumptions.abort(message);
    }

    /** A checker or capability missing under {@code CI=true}: a failure, but not a checker's verdict on a file. */
    public static final class Unavailable extends AssertionError {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private static Optional<Path> findCommand(String name) {
        // Where Debian's packages put them first: tools.txt names those packages, and a wrapper
        // earlier on PATH is not the packaged tool (pyenv's python3 shim also costs a second a
        // call). /usr/sbin, where modprobe lives, is on no PATH of a user but root's.
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Paths.get(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findLibrary(String soname) {
        List<Path> dirs = new ArrayList<>();
        for (String base : List.of("/usr/lib", "/lib")) {
            Path b = Paths.get(base);
            dirs.add(b);
            if (Files.isDirectory(b)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(b, "*-linux-gnu*")) {
                    ds.forEach(dirs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        dirs.add(Paths.get("/usr/lib64"));
        dirs.add(Paths.get("/usr/local/lib"));
        for (Path d : dirs) {
            Path p = d.resolve(soname);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The python checker script: used in place under target/test-classes, else copied out. */
    private static Path script(String name) {
        return SCRIPTS.computeIfAbsent(name, n -> {
            URL url = Checkers.class.getResource("/checkers/" + n);
            if (url == null) {
                throw new IllegalStateException("test resource /checkers/" + n + " is missing");
            }
            try {
                if ("file".equals(url.getProtocol())) {
                    return Paths.get(url.toURI());
                }
                Path tmp = Files.createTempFile("xenpv-" + n.replace(".py", "") + "-", ".py");
                tmp.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                return tmp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ------------------------------------------------------------------ processes

    private record Result(List<String> command, int exit, String stdout, String stderr) {

        /** The same result with {@code text} written as {@code replacement} in its output: a copy's path as the original's. */
        Result replace(String text, String replacement) {
            return new Result(command, exit, stdout.replace(text, replacement), stderr.replace(text, replacement));
        }

        String describe() {
            return "$ " + String.join(" ", command) + "\nexit " + exit
                    + (stdout.isBlank() ? "" : "\n--- stdout ---\n" + stdout.stripTrailing())
                    + (stderr.isBlank() ? "" : "\n--- stderr ---\n" + stderr.stripTrailing());
        }
    }

    private static Result run(List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("xenpv-checker-", ".out");
            err = Files.createTempFile("xenpv-checker-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: "
                        + String.join(" ", command));
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteTree(Path folder) {
        if (folder == null) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            walk.sorted(Collections.reverseOrder()).forEach(Checkers::deleteQuietly);
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** {@code prefix} followed by every file's absolute path. */
    private static List<String> command(List<String> prefix, List<Path> files) {
        List<String> command = new ArrayList<>(prefix);
        files.forEach(file -> command.add(abs(file)));
        return command;
    }

    /** The checker's complaint with the numbered text of the files it names (of all of them when it names none). */
    private static AssertionError failure(String what, List<Path> files, Result r) {
        return new AssertionError(what + ": " + files.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                + "\n" + r.describe() + "\n" + numbered(named(files, r.stdout + r.stderr)));
    }

    /** The files {@code output} names, or all of them when it names none. */
    private static List<Path> named(List<Path> files, String output) {
        List<Path> named = files.stream().filter(file -> output.contains(file.toString())
                || output.contains(file.toAbsolutePath().toString())).toList();
        return named.isEmpty() ? files : named;
    }

    /** The files with line numbers. */
    private static String numbered(List<Path> files) {
        return files.stream().distinct().map(Checkers::numbered).collect(java.util.stream.Collectors.joining());
    }

    /** The file with line numbers (first 300 lines), so a failure shows what was checked. */
    private static String numbered(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder b = new StringBuilder("--- ").append(file).append(" ---\n");
            for (int i = 0; i < lines.size() && i < 300; i++) {
                b.append(String.format("%4d| %s%n", i + 1, lines.get(i)));
            }
            if (lines.size() > 300) {
                b.append("     ... ").append(lines.size() - 300).append(" more lines\n");
            }
            return b.toString();
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static long countConfigLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abs(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no such file to check: " + file);
        }
        return file.toAbsolutePath().toString();
    }

    // ------------------------------------------------------------------ JSON helpers

    private static Object parseJson(Result r, List<Path> files) {
        try {
            return MiniJson.parse(r.stdout);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("unreadable checker output for " + files + ": " + e.getMessage()
                    + "\n" + r.describe(), e);
        }
    }

    /** The checker's JSON array, which holds one result per file, in order. */
    private static List<Object> oneEach(Object parsed, List<Path> files, Result r) {
        List<Object> results = asList(parsed);
        if (results.size() != files.size()) {
            throw new AssertionError("the checker gave " + results.size() + " results for " + files.size() + " files\n"
                    + r.describe());
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            throw new AssertionError("expected a JSON object, got " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        if (!(o instanceof List)) {
            throw new AssertionError("expected a JSON array, got " + o);
        }
        return (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        List<String> l = new ArrayList<>();
        for (Object x : asList(o)) {
            l.add((String) x);
        }
        return Collections.unmodifiableList(l);
    }

    private static int intOf(Object o) {
        if (o == null) {
            return 0;
        }
        // util-linux 2.38 prints numbers; some older versions print them as strings
        return o instanceof Long l ? l.intValue() : Integer.parseInt(o.toString().strip());
    }
}
