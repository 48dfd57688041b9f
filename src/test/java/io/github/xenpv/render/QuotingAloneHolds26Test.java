package io.github.xenpv.render;

import static io.github.xenpv.render.QuotingAloneHoldsTest.hostile;
import static io.github.xenpv.render.QuotingAloneHoldsTest.hostileGuest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.DriverSource;
import io.github.xenpv.model.ModuleLoading;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidGuest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * QuotingAloneHoldsTest for the RHEL 4 and 5 bundles: with validation bypassed and a hostile value
 * in every string field, each script of the bundle still parses in every shell, and the boot
 * script runs without executing any of it, handing modprobe the drivers' names and testing the
 * hostile node paths as they are.
 */
class QuotingAloneHolds26Test {

    @TempDir
    Path work;

    @AfterEach
    void noInjectedCodeRan() {
        assertFalse(Files.exists(work.resolve(QuotingAloneHoldsTest.CANARY)), "a hostile value ran as code");
    }

    @ParameterizedTest
    @CsvSource({"RHEL4, KMOD", "RHEL4, IN_KERNEL", "RHEL5, KMOD", "RHEL5, IN_KERNEL"})
    void everyScriptParsesAndTheBootScriptRunsWithTheValuesIntact(Release release, DriverSource source) throws Exception {
        ValidGuest guest = hostileGuest(ModuleLoading.RC_MODULES, true, release, source);
        Path rcModules = null;
        for (RenderedFile file : new GuestRenderer(new TemplateEngine(null)).render(guest)) {
            if (!file.executable()) {
                continue;
            }
            Path path = work.resolve("bundle").resolve(file.path().replace('\n', '_'));
            Files.createDirectories(path.getParent());
            Files.write(path, file.content());
            for (Checkers.Shell shell : Checkers.Shell.values()) {
                Process check = new ProcessBuilder(shell.command("-n", path.toString())).redirectErrorStream(true).start();
                String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, check.waitFor(), shell + " -n " + file.path() + ":\n" + output);
                assertEquals("", output, shell + " -n " + file.path());
            }
            if (file.path().equals("guest/etc/rc.modules")) {
                rcModules = path;
            }
        }
        assertTrue(rcModules != null, "the bundle has guest/etc/rc.modules");

        Path stubs = Files.createDirectories(work.resolve("stubs"));
        Path calls = work.resolve("calls");
        for (String command : List.of("modprobe", "sleep")) {
            Path stub = stubs.resolve(command);
            Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> \"$XENPV_CALLS\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder boot = new ProcessBuilder(Checkers.Shell.DASH.command(rcModules.toString())).directory(work.toFile())
                .redirectErrorStream(true);
        boot.environment().put("PATH", stubs + ":/usr/bin:/bin");
        boot.environment().put("XENPV_CALLS", calls.toString());
        Process process = boot.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        List<String> lines = Files.readAllLines(calls);
        assertEquals(List.of("modprobe xen-vbd", "modprobe xen-vnif"), lines.stream().filter(line -> line.startsWith("modprobe")).toList());
        assertEquals(ValidGuest.NODE_WAIT_SECONDS, lines.stream().filter(line -> line.equals("sleep 1")).count(),
                "the wait is bounded, whatever the (missing) hostile nodes");
        assertTrue(output.contains("xenpv: /dev/" + hostile("partition") + " did not appear"), output);
    }
}
