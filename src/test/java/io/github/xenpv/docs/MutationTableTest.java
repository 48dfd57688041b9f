package io.github.xenpv.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's mutation table as MutationTable makes it from PIT's mutations.xml files. */
class MutationTableTest {

    @TempDir
    Path reports;

    private static String mutation(String status, boolean detected, String className, String method, int line,
            String mutator, String description) {
        return "<mutation detected='" + detected + "' status='" + status + "' numberOfTestsRun='1'>"
                + "<sourceFile>X.java</sourceFile><mutatedClass>" + className + "</mutatedClass>"
                + "<mutatedMethod>" + method + "</mutatedMethod><methodDescription>()V</methodDescription>"
                + "<lineNumber>" + line + "</lineNumber>"
                + "<mutator>org.pitest.mutationtest.engine.gregor.mutators." + mutator + "</mutator>"
                + "<indexes><index>1</index></indexes><blocks><block>1</block></blocks>"
                + "<killingTest/><description>" + description + "</description></mutation>\n";
    }

    private Path report(String folder, String day, String... mutations) throws IOException {
        Path file = reports.resolve(folder).resolve("mutations.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"false\">\n"
                + String.join("", mutations) + "</mutations>\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(day + "T12:00:00Z")));
        return file;
    }

    @Test
    void eachPackageCountsFromItsNewestReportInTheReadmesOrderWithItsSurvivorsAfterTheTable() throws IOException {
        report("all", "2024-01-01",
                mutation("SURVIVED", false, "io.github.xenpv.model.Guest", "getName", 10, "NullReturnValsMutator", "old"),
                mutation("KILLED", true, "io.github.xenpv.xm.DiskSpec", "parse", 20, "NegateConditionalsMutator", "negated"),
                mutation("SURVIVED", false, "io.github.xenpv.xm.DiskSpec", "parse", 21, "MathMutator", "replaced"));
        report("model", "2024-02-03",
                mutation("KILLED", true, "io.github.xenpv.model.DeclarationReader$1", "fill", 118, "VoidMethodCallMutator", "a"),
                mutation("TIMED_OUT", true, "io.github.xenpv.model.DeclarationReader", "fill", 119, "VoidMethodCallMutator", "b"),
                mutation("NO_COVERAGE", false, "io.github.xenpv.model.ElementShape", "of", 78, "NullReturnValsMutator",
                        "replaced return value with null for of"),
                mutation("SURVIVED", false, "io.github.xenpv.model.BaseFiles", "closesBlock", 76,
                        "BooleanTrueReturnValsMutator", "replaced boolean return with true for closesBlock"));
        assertEquals("""
                | package | score | mutants | detected | survived | no coverage | measured |
                |---|---|---|---|---|---|---|
                | `model` | 50.0 % | 4 | 2 | 1 | 1 | 2024-02-03 |
                | `xm` | 50.0 % | 2 | 1 | 1 | 0 | 2024-01-01 |

                Undetected in `model`:
                - SURVIVED BaseFiles.closesBlock line 76: replaced boolean return with true for closesBlock (BooleanTrueReturnValsMutator)
                - NO_COVERAGE ElementShape.of line 78: replaced return value with null for of (NullReturnValsMutator)

                Undetected in `xm`:
                - SURVIVED DiskSpec.parse line 21: replaced (MathMutator)
                """, MutationTable.render(MutationTable.rows(MutationTable.reports(reports))));
    }

    @Test
    void theScoreIsRoundedDownSoOnlyAllDetectedShowsAsAHundred() {
        MutationTable.Mutant killed = new MutationTable.Mutant("io.github.xenpv.render.A", "m", 1, "M", "d", "KILLED", true);
        MutationTable.Mutant survived = new MutationTable.Mutant("io.github.xenpv.render.A", "m", 1, "M", "d", "SURVIVED", false);
        List<MutationTable.Mutant> mutants = new java.util.ArrayList<>(java.util.Collections.nCopies(2999, killed));
        mutants.add(survived);
        assertEquals("99.9 %", new MutationTable.Row("render", mutants, "2024-01-01").score());
        assertEquals("100 %", new MutationTable.Row("render", List.of(killed), "2024-01-01").score());
        assertEquals("66.6 %", new MutationTable.Row("render", List.of(killed, killed, survived), "2024-01-01").score());
    }

    @Test
    void noReportsGiveAnEmptyTableAndABrokenReportIsNamed() throws IOException {
        assertEquals("| package | score | mutants | detected | survived | no coverage | measured |\n|---|---|---|---|---|---|---|\n",
                MutationTable.render(MutationTable.rows(MutationTable.reports(reports.resolve("none")))));
        Path broken = reports.resolve("bundle/mutations.xml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "<mutations><mutation detected='true' status='KILLED'></mutations>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MutationTable.reports(reports));
        assertEquals(true, e.getMessage().startsWith(broken + " is not a PIT mutations.xml"), e.getMessage());
    }
}
