package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which expressions of a value Maven's evaluation left unresolved: {@code <arch>${guest.arch}</arch>}
 * without that property reached the validator as a missing value, "arch: is required" (issue 21,
 * point 7). Maven evaluates a value that is one whole expression naming nothing to {@code null},
 * and leaves such an expression inside other text as written.
 */
class ConfigurationTreeTest {

    @Test
    void aWholeExpressionThatEvaluatedToNothingIsUnresolved() {
        assertEquals(List.of("${guest.arch}"), ConfigurationTree.unresolved("${guest.arch}", null));
    }

    @Test
    void anExpressionLeftInTheTextIsUnresolvedAndOneThatResolvedIsNot() {
        assertEquals(List.of("${images}"), ConfigurationTree.unresolved("${images}/${project.artifactId}.img",
                "${images}/web.img"));
        assertEquals(List.of(), ConfigurationTree.unresolved("${guest.arch}", "i686"));
        assertEquals(List.of(), ConfigurationTree.unresolved("i686", "i686"));
        assertEquals(List.of(), ConfigurationTree.unresolved(null, null));
    }

    @Test
    void withoutAnEvaluatorTheTextIsTakenAsWritten() throws Exception {
        // no Maven session to evaluate with: the text as written, never lost
        assertEquals("${xenpv.guest}", ConfigurationTree.evaluate("${xenpv.guest}", "guest", null));
    }
}
