package io.github.xenpv.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The end-of-run list names each reason once, with the classes and counts it struck, whole classes included. */
class SkippedTestsSummaryTest {

    static final String SHELLCHECK = "shellcheck is not installed";
    /** Where the fixtures' own SKIPPED lines go: not into the build's log, where they would read as real skips. */
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void listsEverySkipOnceByReasonWithItsClassesAndCounts() {
        String printed = run(OneRuns.class, WholeClass.class);
        assertEquals("""

                xenpv: 4 test(s) did not run (outside CI a missing checker skips its tests; with CI=true it fails them):
                  creating block device nodes (mknod) needs root: run the tests as root
                      SkippedTestsSummaryTest$WholeClass (all 2)
                  shellcheck is not installed: apt-get install shellcheck
                      SkippedTestsSummaryTest$OneRuns (2)
                  To run everything: sudo bash .ci/run (installs the checkers listed in \
                src/test/resources/checkers/tools.txt, then runs mvn -B verify with CI=true).

                """, printed);
    }

    @Test
    void saysNothingWhenEverythingRan() {
        assertEquals("", run(AllRun.class));
    }

    private static String run(Class<?>... testClasses) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // only this listener: the one registered for the whole build would report these fixtures too
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new SkippedTestsSummary(out)).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("junit-jupiter"));
        for (Class<?> testClass : testClasses) {
            request.selectors(selectClass(testClass));
        }
        launcher.execute(request.build());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    // Fixtures, run only by the launcher above: Surefire leaves nested classes out.

    static class OneRuns {
        @Test
        void runs() {
        }

        @Test
        void needsShellcheck() {
            Checkers.unavailable(SHELLCHECK, "apt-get install shellcheck", false, QUIET);
        }

        @Test
        void needsShellcheckToo() {
            Checkers.unavailable(SHELLCHECK, "apt-get install shellcheck", false, QUIET);
        }
    }

    static class WholeClass {
        @BeforeAll
        static void needsRoot() {
            Checkers.unavailable("creating block device nodes (mknod) needs root", "run the tests as root", false, QUIET);
        }

        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    static class AllRun {
        @Test
        void runs() {
        }
    }
}
