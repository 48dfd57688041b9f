package io.github.xenpv.checkers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists, once at the end of the test run, every test that did not run and why, grouped by reason:
 * the {@code SKIPPED:} lines of {@link Checkers#unavailable} scroll by among hundreds of tests, and
 * Surefire counts a class whose {@code @BeforeAll} skipped as "Tests run: 0", not as skipped. A
 * user on a machine without the checkers sees here what did not run and the one command that
 * installs everything. Registered through {@code META-INF/services}, so Surefire and IDEs load it.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

    /**
     * Reason → "TestClass (" or "TestClass (all ", when its {@code @BeforeAll} skipped → how many
     * of its tests did not run for that reason.
     */
    private final Map<String, Map<String, Integer>> skipped = new TreeMap<>();
    private final PrintStream out;
    private TestPlan plan;

    /** Prints to stdout, which Surefire passes through to the build log outside any test's output. */
    public SkippedTestsSummary() {
        this(System.out);
    }

    SkippedTestsSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private synchronized void record(TestIdentifier test, String reason) {
        String why = reason == null ? "no reason given" : reason.lines().findFirst().orElse("").replaceFirst("^SKIPPED: ", "");
        // a skipped container counts its test methods (a parameterized one as one: its invocations are never made)
        long tests = test.isTest() ? 1 : Math.max(1, plan.getDescendants(test).stream()
                .filter(descendant -> descendant.getSource().filter(MethodSource.class::isInstance).isPresent()).count());
        // a class whose @BeforeAll skipped: Surefire reports it as "Tests run: 0", not as skipped
        boolean wholeClass = test.getSource().filter(ClassSource.class::isInstance).isPresent();
        skipped.computeIfAbsent(why, key -> new TreeMap<>())
                .merge(className(test) + (wholeClass ? " (all " : " ("), (int) tests, Integer::sum);
    }

    private static String className(TestIdentifier test) {
        String name = test.getSource().map(source -> {
            if (source instanceof MethodSource method) {
                return method.getClassName();
            }
            return source instanceof ClassSource type ? type.getClassName() : null;
        }).orElse(test.getDisplayName());
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (skipped.isEmpty()) {
            return;
        }
        int count = skipped.values().stream().flatMap(classes -> classes.values().stream()).mapToInt(Integer::intValue).sum();
        out.println();
        out.println("xenpv: " + count + " test(s) did not run (outside CI a missing checker skips its tests; with CI=true "
                + "it fails them):");
        skipped.forEach((why, classes) -> {
            List<String> where = new ArrayList<>();
            classes.forEach((testClass, n) -> where.add(testClass + n + ")"));
            out.println("  " + why);
            out.println("      " + String.join(", ", where));
        });
        out.println("  To run everything: sudo bash .ci/run (installs the checkers listed in "
                + "src/test/resources/checkers/tools.txt, then runs mvn -B verify with CI=true).");
        out.println();
    }
}
