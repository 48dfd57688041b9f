package io.github.xenpv.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The site's hand-written pages take their text from README.md: the index its introduction, the
 * usage page its example and the release commands. This keeps the copies in step, and the site's
 * menu naming every goal the plugin has.
 */
class SitePagesTest {

    private static final Path README = Path.of("README.md");
    private static final Path INDEX = Path.of("src/site/markdown/index.md");
    private static final Path USAGE = Path.of("src/site/markdown/usage.md");

    @Test
    void theIndexOpensWithTheReadmesIntroduction() throws Exception {
        String readme = Files.readString(README);
        String introduction = readme.substring(readme.indexOf("A Maven plugin that turns"), readme.indexOf("## The example"))
                .strip();
        assertContains(INDEX, introduction);
    }

    @Test
    void theUsagePageShowsTheReadmesExampleAndReleaseCommands() throws Exception {
        String readme = Files.readString(README);
        assertContains(USAGE, block(readme, "```xml\n<plugin>"));
        assertContains(USAGE, block(readme, "```\nREADME.txt"));
        String release = block(readme, "```sh\nmvn -B deploy");
        assertContains(USAGE, release);
        assertContains(USAGE, block(readme, "```sh\nmvn io.github.xenpv:xenpv-maven-plugin:"));
    }

    @Test
    void theMenuLinksEveryGoalsPage() throws Exception {
        String site = Files.readString(Path.of("src/site/site.xml"));
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Matcher goal = Pattern.compile("<goal>([a-z-]+)</goal>").matcher(descriptor);
        List<String> goals = new ArrayList<>();
        while (goal.find()) {
            goals.add(goal.group(1));
        }
        assertTrue(goals.size() >= 4, goals::toString);
        for (String name : goals) {
            assertTrue(site.contains("<item name=\"xenpv:" + name + "\" href=\"" + name + "-mojo.html\"/>"),
                    "site.xml does not link xenpv:" + name);
        }
    }

    /** The fenced block that starts with {@code opening}, fences included. */
    private static String block(String text, String opening) {
        int start = text.indexOf(opening);
        assertTrue(start >= 0, "README.md has no block starting " + opening);
        int end = text.indexOf("\n```\n", start + opening.length());
        return text.substring(start, end + 4);
    }

    private static void assertContains(Path page, String text) throws Exception {
        assertTrue(Files.readString(page).contains(text), page + " lost the README's\n" + text);
    }
}
