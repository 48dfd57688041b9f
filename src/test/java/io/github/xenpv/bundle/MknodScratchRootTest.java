package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Files.writeString(root.resolve("proc/partitions"), PARTITIONS);
    }

    /** dom0 attached the seed guest's PV disk (vdev xvda: minors 0, 1, 2). */
    private static final String PARTITIONS = "major minor  #blocks  name\n\n   3     0    8388608 hda\n"
            + " 202     0    4194304 xvda\n 202     1    2097152 xvda1\n 202     2    2097120 xvda2\n";

    @ParameterizedTest
    @EnumSource(Shell.class)
    void createsTheNodesThenKeepsThem(Shell shell) throws Exception {
        Result first = run(shell);
        assertEquals(0, first.exit, first.output);
        assertEquals(List.of("block special file 202 0 660 disk", "block special file 202 1 660 disk",
                "block special file 202 2 660 disk"), nodes("xvdb", "xvdb1", "xvdb2"));
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
        exec(List.of("mknod", "-m", "600", root.resolve("dev/xvdb2").toString(), "b", "202", "2"));
        Result result = run(shell);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("block special file 202 1 660 disk", "block special file 202 2 660 disk"),
                nodes("xvdb1", "xvdb2"));
        try (var leftovers = Files.list(root.resolve("dev"))) {
            assertEquals(3, leftovers.count(), "no temporary node may stay behind");
        }
    }

    /**
     * SPEC §16: a node the guide's script made (mode 664, readable by every local user) becomes
     * RHEL 3's disk mode, 0660 root:disk.
     */
    @ParameterizedTest
    @EnumSource(Shell.class)
    void replacesTheGuidesWorldReadableNode(Shell shell) throws Exception {
        exec(List.of("mknod", "-m", "664", root.resolve("dev/xvdb1").toString(), "b", "202", "1"));
        exec(List.of("chgrp", "disk", root.resolve("dev/xvdb1").toString()));
        assertEquals(List.of("block special file 202 1 664 disk"), nodes("xvdb1"));
        Result result = run(shell);
        assertEquals(0, result.exit, result.output);
        assertTrue(result.output.contains("/dev/xvdb1 created (202, 1)"), result.output);
        assertEquals(List.of("block special file 202 1 660 disk"), nodes("xvdb1"));
        assertEquals("0", exec(List.of("stat", "-c", "%u", root.resolve("dev/xvdb1").toString())).output.strip(),
                "owner root");
    }

    /** A PV disk dom0 did not attach gets one line, and the nodes are made all the same: boot goes on. */
    @ParameterizedTest
    @EnumSource(Shell.class)
    void saysWhenThePvDiskIsNotAttached(Shell shell) throws Exception {
        Files.writeString(root.resolve("proc/partitions"), "major minor  #blocks  name\n\n   3     0    8388608 hda\n");
        Result result = run(shell);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("xenpv-mknod: PV disk /dev/xvdb (vdev xvda) is not attached on this boot (no 202:0 in "
                + "/proc/partitions): boot goes on without it; on dom0, /etc/xen/rhel3_64_fv must list it and its source "
                + "must exist"), result.output.lines().filter(line -> !line.contains(" created (")).toList());
        assertEquals(3, nodes("xvdb", "xvdb1", "xvdb2").size());
    }

    /** SPEC §13: a folder or a file where a node belongs is another kind of thing; it stays, and the run fails saying so. */
    @ParameterizedTest
    @EnumSource(Shell.class)
    void leavesAFolderOrAFileWhereANodeBelongsAndFails(Shell shell) throws Exception {
        Files.createDirectories(root.resolve("dev/xvdb1"));
        Files.writeString(root.resolve("dev/xvdb2"), "not a device");
        for (int run = 1; run <= 2; run++) {
            Result result = run(shell);
            assertEquals(1, result.exit, result.output);
            assertTrue(result.output.contains("xenpv-mknod: " + root + "/dev/xvdb1 is a folder where the block node "
                    + "/dev/xvdb1 belongs: move it away"), result.output);
            assertTrue(result.output.contains("xenpv-mknod: " + root + "/dev/xvdb2 is a regular file where the block "
                    + "node /dev/xvdb2 belongs: move it away"), result.output);
            assertFalse(result.output.contains("xvdb1 created") || result.output.contains("xvdb2 created"), result.output);
            try (var inside = Files.list(root.resolve("dev/xvdb1"))) {
                assertEquals(0, inside.count(), "nothing is moved into the folder");
            }
            assertEquals("not a device", Files.readString(root.resolve("dev/xvdb2")));
            assertEquals(List.of("block special file 202 0 660 disk"), nodes("xvdb"), "the disk's own node is made");
        }
    }

    /** A link where a node belongs is followed inside the root, wherever it points; the node is made where it leads. */
    @ParameterizedTest
    @EnumSource(Shell.class)
    void followsALinkWhereANodeBelongsInsideTheRoot(Shell shell) throws Exception {
        Path outside = work.resolve("outside");
        Files.createDirectories(outside);
        Files.createDirectories(root.resolve("dev/disk"));
        Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(root.resolve("dev/xvdb1"), Path.of("../../../outside/xvdb1"));
        Files.createSymbolicLink(root.resolve("dev/xvdb2"), Path.of("/dev/disk/xvdb2"));
        Result result = run(shell);
        assertEquals(0, result.exit, result.output);
        assertTrue(Files.isSymbolicLink(root.resolve("dev/xvdb1")) && Files.isSymbolicLink(root.resolve("dev/xvdb2")));
        assertEquals(List.of("block special file 202 1 660 disk", "block special file 202 2 660 disk"),
                nodes("../outside/xvdb1", "disk/xvdb2"), "../.. stops at the root; /dev/... starts at the root");
        try (var nothing = Files.list(outside)) {
            assertEquals(0, nothing.count(), "nothing is made outside the root");
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
