package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Case 8 of issue 11 (SPEC §13): --root must name an existing folder by an absolute path without
 * a newline; anything else is a usage error (exit 2) before anything is touched. The old scripts
 * ran --root -P on $HOME (cd -P), --root - on $OLDPWD (cd -), dropped a trailing newline and ran
 * --root "" on /. Each value runs, for both install scripts, in a chroot whose / is a scratch
 * folder holding a stock guest root at /, at $HOME and at $OLDPWD, so that a script that got it
 * wrong would change one of them, never this machine; the whole folder must stay as it was, and
 * no shimmed command may have run.
 */
class RootOptionTest {

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static Path chroot;

    @BeforeAll
    static void chroot() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
        chroot = shared.resolve("chroot");
        GuestInstall.copyTree(fixture.pristine(), chroot);
        GuestInstall.copyTree(fixture.pristine(), chroot.resolve("home"));
        GuestInstall.copyTree(fixture.pristine(), chroot.resolve("previous"));
        GuestInstall.copyTree(fixture.bundle(), chroot.resolve("bundle"));
        Files.createDirectories(chroot.resolve("tmp"));
        Files.writeString(chroot.resolve("etc/hostname"), "guest\n");
        ScratchGuest.writeShims(chroot.resolve("shims"));
        Chroot.prepare(chroot);
    }

    static Stream<Arguments> oddRoots() {
        List<Arguments> cases = new ArrayList<>();
        List<List<String>> values = List.of(
                List.of("--root", "-P", "--root -P is not an absolute path"),
                List.of("--root", "-", "--root - is not an absolute path"),
                List.of("--root", "", "--root needs a folder, not an empty word"),
                List.of("--root=", "--root needs a folder, not an empty word"),
                List.of("--root=-P", "--root -P is not an absolute path"),
                List.of("--root", "home", "--root home is not an absolute path"),
                List.of("--root", "./home", "--root ./home is not an absolute path"),
                List.of("--root", "/no/such/folder", "--root /no/such/folder is not an existing folder"),
                List.of("--root", "/etc/hostname", "--root /etc/hostname is not an existing folder"),
                List.of("--root", "/home\n", "--root must not hold a newline"),
                List.of("--root", "/home\n/previous", "--root must not hold a newline"),
                List.of("--root", "--root needs a folder"));
        int turn = 0;
        for (String script : List.of("guest/install-guest.sh", "dom0/install-dom0.sh")) {
            for (List<String> value : values) {
                cases.add(Arguments.of(script, value.subList(0, value.size() - 1), value.get(value.size() - 1), GuestInstall.shellInTurn(turn++)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} ({3})")
    @MethodSource("oddRoots")
    void anOddRootIsAUsageErrorBeforeAnythingIsTouched(String script, List<String> options, String message, Shell shell)
            throws Exception {
        Map<String, String> before = ScratchGuest.snapshot(chroot);
        List<String> command = new ArrayList<>(shell.command());
        command.add("/bundle/" + script);
        command.addAll(options);
        Map<String, String> environment = new TreeMap<>(Map.of("PATH", "/shims:" + Chroot.PATH, "HOME", "/home",
                "OLDPWD", "/previous", "XENPV_TEST_ROOT", "/", "XENPV_TEST_CALLS", "/calls", "XENPV_TEST_COUNT", "/count",
                "XENPV_TEST_UNAME_M", "x86_64", "XENPV_TEST_UNAME_R", ScratchGuest.KERNEL, "TMPDIR", "/tmp"));
        Result result = Chroot.run(chroot, command, environment);
        String program = script.substring(script.indexOf('/') + 1);
        assertEquals(2, result.exit(), result::describe);
        assertTrue(result.stderr().startsWith(program + ": " + message), result::describe);
        assertTrue(result.stderr().contains("usage: " + program + " [--root DIR]"), result::describe);
        assertEquals("", result.stdout(), result::describe);
        assertFalse(Files.exists(chroot.resolve("calls")), "no command ran");
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(chroot), "the run touched a root");
    }
}
