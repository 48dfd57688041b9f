package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: generate and bundle read ahead what an earlier build wrote while they check the guests;
 * the reading ends with the goal, whether it wrote, found nothing to do or failed after the
 * reading began, so no thread outlives the goal in Maven's JVM.
 */
@MojoTest
class ReadAheadMojoTest {

    @TempDir
    Path buildDirectory;

    private final RecordingLog log = new RecordingLog();

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void theReadingEndsWithTheGoalHoweverItEnds(GenerateMojo mojo) throws Exception {
        Path output = buildDirectory.resolve("xenpv");
        setVariableValueToObject(mojo, "buildDirectory", buildDirectory.toFile());
        setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        mojo.setLog(log);

        mojo.execute();
        assertEquals(List.of(), readAheadThreads());
        mojo.execute();
        assertEquals("xenpv: 1 guest in " + output + ", none rendered, 1 up to date (nothing that feeds its files changed): "
                + "0 files written, 12 unchanged, 0 removed", log.infos().get(log.infos().size() - 1));
        assertEquals(List.of(), readAheadThreads());

        // a guest filter that names no guest fails once the guests are checked, the reading begun
        setVariableValueToObject(mojo, "guest", "nosuch");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("nosuch"), failure.getMessage());
        assertEquals(List.of(), readAheadThreads());
    }

    private static List<String> readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("xenpv-read-ahead") && thread.isAlive())
                .map(Thread::toString).toList();
    }
}
