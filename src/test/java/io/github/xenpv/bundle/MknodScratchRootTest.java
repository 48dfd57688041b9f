package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.Shell;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.ValidGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated xenpv-mknod, run for real in a scratch root under each shell a RHEL 3 guest or a
 * test machine offers: it creates block nodes with the seed's minors, keeps them on a second run,
 * replaces a wrong one, and fails clearly when the PV block driver is not loaded.
 */
class MknodScratchRootTest {

    private static final String SCRIPT = "guest" + ValidGuest.NODE_SCRIPT;

    @TempDir
    Path work;

    Path script;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        Checkers.requireMknod();
        new BundleGenerator(work.resolve("out"), null).generate(List.of(SeedGuest.valid()));
        script = work.resolve("out/rhel3_64_fv").resolve(SCRIPT);
        root = work.resolve("root");
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/devices"),
                "Character devices:\n  1 mem\n\nBlock devices:\n  3 ide0\n202 xvd\n253 device-mapper\n");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void createsTheNodesThenKeepsThem(Shell shell) throws Exception {
        Result first = run(shell);
        assertEquals(0, first.exit, first.output);
        assertEquals(List.of("block special file 202 0 664 disk", "block special file 202 1 664 disk",
                "block special file 202 2 664 disk"), nodes("xvdb", "xvdb1", "xvdb2"));
        assertEquals(List.of("xenpv-mknod: " + root + "/dev/xvdb created (202, 0)",
                "xenpv-mknod: " + root + "/dev/xvdb1 created (202, 1)",
                "xenpv-mknod: " + root + "/dev/xvdb2 created (202, 2)"), first.output.lines().toList());

        Result second = run(shell);
        assertEquals(0, second.exit, second.output);
        assertEquals(List.of("xenpv-mknod: " + root + "/dev/xvdb kept (202, 0)",
                "xenpv-mknod: " + root + "/dev/xvdb1 kept (202, 1)",
                "xenpv-mknod: " + root + "/dev/xvdb2 kept (202, 2)"), second.output.lines().toList());
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void replacesANodeWithTheWrongMinorOrMode(Shell shell) throws Exception {
        exec(List.of("mknod", root.resolve("dev/xvdb1").toString(), "b", "202", "9"));
        Files.writeString(root.resolve("dev/xvdb2"), "not a device");
        Result result = run(shell);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("block special file 202 1 664 disk", "block special file 202 2 664 disk"),
                nodes("xvdb1", "xvdb2"));
        try (var leftovers = Files.list(root.resolve("dev"))) {
            assertEquals(3, leftovers.count(), "no temporary node may stay behind");
        }
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void failsClearlyWhenXvdIsNotRegistered(Shell shell) throws Exception {
        Files.writeString(root.resolve("proc/devices"), "Block devices:\n  3 ide0\n");
        Result result = run(shell);
        assertEquals(1, result.exit);
        assertEquals("xenpv-mknod: no xvd block device in " + root + "/proc/devices: load the PV block driver first "
                + "(insmod xen-vbd.o)", result.output.strip());
        try (var dev = Files.list(root.resolve("dev"))) {
            assertEquals(0, dev.count());
        }
    }

    private List<String> nodes(String... names) throws Exception {
        List<String> described = new ArrayList<>();
        for (String name : names) {
            Result stat = exec(List.of("stat", "-c", "%F %t %T %a %G", root.resolve("dev/" + name).toString()));
            String[] fields = stat.output.strip().split(" ");
            // stat prints major and minor in hex
            described.add(String.join(" ", fields[0], fields[1], fields[2],
                    Integer.toString(Integer.parseInt(fields[3], 16)), Integer.toString(Integer.parseInt(fields[4], 16)),
                    fields[5], fields[6]));
        }
        return described;
    }

    private Result run(Shell shell) throws Exception {
        return exec(shell.command(script.toString()));
    }

    private Result exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("XENPV_ROOT", root == null ? "" : root.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private record Result(int exit, String output) {
    }
}
