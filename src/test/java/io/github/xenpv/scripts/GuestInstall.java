package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The seed guest's install-guest.sh and one scratch copy of the stock guest root to run it on
 * ({@code --root}), with the shims, the call log and a private TMPDIR in the same scratch folder.
 */
final class GuestInstall {

    /** The seed guest's bundle with the stand-in RPM next to install-guest.sh, and a stock root to copy. */
    record Fixture(Path bundle, Path pristine) {

        /** The kernel the errata fixture's driver was built for, older than the one the guest runs. */
        static final String DRIVER_KERNEL = "2.4.21-50.EL";

        /** Generates the bundle, builds the RPM and the stock root under {@code shared}. Needs root. */
        static Fixture create(Path shared) throws Exception {
            ScratchGuest.requireRoot();
            Path bundle = ScratchGuest.generateSeedBundle(shared.resolve("out"));
            Path rpm = ScratchGuest.buildDriverRpm(shared.resolve("rpmbuild"));
            Files.copy(rpm, bundle.resolve("guest").resolve(rpm.getFileName()));
            Path pristine = shared.resolve("stock-root");
            ScratchGuest.createStockRoot(pristine);
            return new Fixture(bundle, pristine);
        }

        /**
         * The seed guest on an errata kernel: the driver built for {@link #DRIVER_KERNEL}, so the
         * install copies the modules into the running kernel's tree (procedure step 3), with an
         * RPM that installs them into the driver kernel's tree. Shares the stock root of {@code stock}.
         */
        static Fixture errata(Path shared, Fixture stock) throws Exception {
            Guest declaration = SeedGuest.declaration();
            declaration.setDriverKernel(DRIVER_KERNEL);
            ValidGuest guest = SeedGuest.validOnly(declaration);
            Path out = shared.resolve("errata");
            new BundleGenerator(out, null).generate(List.of(guest));
            Path bundle = out.resolve(guest.name());
            Path rpm = ScratchGuest.buildDriverRpm(shared.resolve("rpmbuild-errata"), "kmod-xenpv",
                    guest.driverDirectory().substring(1));
            Files.copy(rpm, bundle.resolve("guest").resolve(rpm.getFileName()));
            return new Fixture(bundle, stock.pristine());
        }

        Path script() {
            return bundle.resolve("guest/install-guest.sh");
        }

        /** The bundle's copy of a guest file, by its path in the guest ({@code etc/fstab}). */
        Path bundled(String relative) {
            return bundle.resolve("guest").resolve(relative);
        }

        /**
         * The paths, relative to the root, of what the install edits or creates, from the bundle's
         * guest files (where the bundle puts each), with RHEL 3's links to two of them and the
         * install's state folder.
         */
        List<String> editedPaths() throws IOException {
            Path guest = bundle.resolve("guest");
            List<String> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(guest)) {
                walk.filter(Files::isRegularFile).map(path -> guest.relativize(path).toString())
                        .filter(path -> !path.equals("install-guest.sh") && !path.endsWith(".rpm")).sorted().forEach(paths::add);
            }
            paths.addAll(List.of("etc/rc.local", "etc/grub.conf", "var/lib/xenpv"));
            return paths;
        }

        /** The entries of {@link #editedPaths()} in a snapshot, a missing one as "missing". */
        Map<String, String> edited(Map<String, String> snapshot) throws IOException {
            Map<String, String> edited = new TreeMap<>();
            for (String path : editedPaths()) {
                edited.put(path, snapshot.getOrDefault(path, "missing"));
            }
            return edited;
        }

        /**
         * Checks that every file of {@link #editedPaths()} in {@code now} is whole: as in
         * {@code before} or as in {@code after} (snapshots), never half-way or missing when neither
         * lacks it. What a run stopped at any point (failed, killed) must leave.
         */
        void assertWholeFiles(Map<String, String> before, Map<String, String> after, Map<String, String> now,
                String context) throws IOException {
            for (String path : editedPaths()) {
                String state = now.getOrDefault(path, "missing");
                assertTrue(state.equals(before.getOrDefault(path, "missing")) || state.equals(after.getOrDefault(path, "missing")),
                        () -> path + " is neither as before nor as after: " + state + "\n" + context);
            }
        }

        /**
         * The guest path of the bundle's file named {@code name} (the node script, say), wherever
         * the bundle puts it: tests derive paths from the bundle rather than repeating them.
         */
        String guestPathOf(String name) throws IOException {
            Path guest = bundle.resolve("guest");
            try (Stream<Path> walk = Files.walk(guest)) {
                return walk.filter(path -> path.getFileName().toString().equals(name)).findFirst()
                        .map(path -> guest.relativize(path).toString()).orElseThrow();
            }
        }
    }

    final Fixture fixture;
    final Path scratch;
    final Path root;
    final Path shims;
    final Path calls;
    final Path count;
    final Path tmp;

    GuestInstall(Fixture fixture, Path scratch) throws IOException {
        this.fixture = fixture;
        this.scratch = scratch;
        this.root = scratch.resolve("root");
        this.shims = scratch.resolve("shims");
        this.calls = scratch.resolve("calls");
        this.count = scratch.resolve("count");
        this.tmp = scratch.resolve("tmp");
        ScratchGuest.writeShims(shims);
        reset();
    }

    /** The shells in turn: the n-th of a series of runs uses this one, so a matrix covers all three. */
    static Shell shellInTurn(int n) {
        return Shell.values()[Math.floorMod(n, Shell.values().length)];
    }

    /** A fresh copy of the stock root; the call log, the count and TMPDIR emptied. */
    void reset() throws IOException {
        resetTo(fixture.pristine());
    }

    /**
     * A fresh copy of {@code snapshot} (one {@link #keep} made, or the stock root) as the root; the
     * call log, the count and TMPDIR emptied. A copy of a root kept after an install stands for
     * that install: a test that needs many installed roots runs the install once.
     */
    void resetTo(Path snapshot) throws IOException {
        Result copied = ScratchGuest.run(List.of("sh", "-c", "rm -rf \"$1\" \"$2\" && mkdir \"$2\" && cp -a \"$3\" \"$1\"",
                "sh", root.toString(), tmp.toString(), snapshot.toString()), Map.of(), null);
        assertEquals(0, copied.exit(), copied::describe);
        Files.deleteIfExists(calls);
        Files.deleteIfExists(count);
    }

    /**
     * Keeps a copy of the root as it is now at {@code snapshot}, for {@link #resetTo}. Paths the
     * shims record (proc/mounts) name this root, so a snapshot goes back to the same GuestInstall.
     */
    Path keep(Path snapshot) {
        remove(snapshot);
        copyTree(root, snapshot);
        return snapshot;
    }

    static void copyTree(Path from, Path to) {
        Result copied = ScratchGuest.run(List.of("cp", "-a", from.toString(), to.toString()), Map.of(), null);
        assertEquals(0, copied.exit(), copied::describe);
    }

    static void remove(Path path) {
        Result removed = ScratchGuest.run(List.of("rm", "-rf", path.toString()), Map.of(), null);
        assertEquals(0, removed.exit(), removed::describe);
    }

    /**
     * The environment of a run on this root, with {@code extra}; when {@code extra} sets
     * {@code XENPV_TEST_KILL_AT}, the shims that count kills are on PATH too.
     */
    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new TreeMap<>(ScratchGuest.shimEnvironment(shims, root, calls, count));
        if (extra.containsKey("XENPV_TEST_KILL_AT")) {
            environment.put("PATH", ScratchGuest.killShims(shims) + File.pathSeparator + environment.get("PATH"));
        }
        environment.putAll(extra);
        return environment;
    }

    /** The command that runs install-guest.sh with {@code shell} on this root. */
    List<String> command(Shell shell, String... options) {
        return command(fixture, shell, options);
    }

    /** The command that runs another bundle's install-guest.sh ({@code bundle}'s) on this root. */
    List<String> command(Fixture bundle, Shell shell, String... options) {
        List<String> command = new ArrayList<>(shell.command());
        command.add(bundle.script().toString());
        command.add("--root");
        command.add(root.toString());
        command.addAll(List.of(options));
        return command;
    }

    Result run(Shell shell, String... options) {
        return run(shell, Map.of(), options);
    }

    Result run(Shell shell, Map<String, String> extra, String... options) {
        return ScratchGuest.run(command(shell, options), environment(extra), scratch);
    }

    String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative));
    }

    /** The calls of one shimmed command, as {@code name args} lines. */
    List<String> calls(String command) throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(line -> line.startsWith(command + " ")).toList()
                : List.of();
    }

    /** The files under {@code folder} whose names mark them as some run's temporary file or work folder. */
    static List<Path> temporaries(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> {
                String name = path.getFileName().toString();
                return name.contains(".xenpv-tmp") || name.startsWith("xenpv-install")
                        || name.equals(".lock") || name.startsWith(".run.");
            }).toList();
        }
    }
}
