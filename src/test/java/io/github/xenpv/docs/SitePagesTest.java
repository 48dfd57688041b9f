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
 * The site's written pages share text with README.md and with each other: the index the README's
 * introduction, the usage page its example and the release and import pages' commands, the worked
 * examples the projects the build runs. This keeps the copies in step, and the site's menu, its
 * list of pages and the README's links naming every page.
 */
class SitePagesTest {

    private static final Path README = Path.of("README.md");
    private static final Path INDEX = Path.of("src/site/markdown/index.md");
    private static final Path USAGE = Path.of("src/site/markdown/usage.md");
    private static final Path EXAMPLES = Path.of("src/site/markdown/examples.md");
    private static final Path RELEASE = Path.of("src/site/markdown/release.md");
    private static final Path IMPORT = Path.of("src/site/markdown/import.md");
    private static final Path DEVELOPMENT = Path.of("src/site/markdown/development.md");

    @Test
    void theIndexOpensWithTheReadmesIntroduction() throws Exception {
        String readme = Files.readString(README);
        String introduction = readme.substring(readme.indexOf("A Maven plugin that turns"), readme.indexOf("## The example"))
                .strip();
        assertContains(INDEX, introduction);
    }

    @Test
    void theUsagePageShowsTheReadmesExampleAndTheReleaseAndImportCommands() throws Exception {
        String readme = Files.readString(README);
        assertContains(USAGE, block(readme, "```xml\n<plugin>"));
        assertContains(USAGE, block(readme, "```\nREADME.txt"));
        assertContains(USAGE, block(Files.readString(RELEASE), "```sh\nmvn -B deploy"));
        assertContains(USAGE, block(Files.readString(IMPORT), "```sh\nmvn io.github.xenpv:xenpv-maven-plugin:"));
    }

    @Test
    void theMenuLinksEveryGoalsPage() throws Exception {
        String site = Files.readString(Path.of("src/site/site.xml"));
        List<String> goals = goals();
        assertTrue(goals.size() >= 4, goals::toString);
        for (String name : goals) {
            assertTrue(site.contains("<item name=\"xenpv:" + name + "\" href=\"" + name + "-mojo.html\"/>"),
                    "site.xml does not link xenpv:" + name);
        }
    }

    /** The plugin's goals, from the descriptor the build wrote. */
    private static List<String> goals() throws Exception {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Matcher goal = Pattern.compile("<goal>([a-z-]+)</goal>").matcher(descriptor);
        List<String> goals = new ArrayList<>();
        while (goal.find()) {
            goals.add(goal.group(1));
        }
        return goals;
    }

    /** The worked reactor is examples/reactor as it is built, the import's report lines what it/import-rhel5-dom0 expects. */
    @Test
    void theWorkedExamplesShowTheProjectsTheBuildRuns() throws Exception {
        String page = Files.readString(EXAMPLES);
        for (String pom : List.of("examples/reactor/pom.xml", "examples/reactor/web-tier/pom.xml", "examples/reactor/db-tier/pom.xml")) {
            String text = Files.readString(Path.of(pom));
            assertContains(EXAMPLES, "```xml\n" + text.substring(text.indexOf("<project")));
        }
        assertContains(EXAMPLES, block(Files.readString(RELEASE), "```sh\nmvn -B deploy"));
        assertContains(EXAMPLES, block(Files.readString(IMPORT), "```sh\nmvn io.github.xenpv:xenpv-maven-plugin:").replace("/etc/xen", "etc-xen")
                .replace("/mnt/guests", "roots"));
        List<String> expected = Files.readAllLines(Path.of("it/import-rhel5-dom0/expected-import-report.txt"));
        String report = block(page, "```\n/srv/move/");
        List<String> lines = report.lines().filter(line -> line.startsWith("/srv/move/")).toList();
        assertTrue(lines.size() >= 3, report);
        for (String line : lines) {
            assertTrue(expected.contains(line.replace("/srv/move/", "@basedir@/")), "it/import-rhel5-dom0 expects no line " + line);
        }
    }

    /**
     * Every page of src/site/markdown is in the menu, in the list of the site's pages (development.md,
     * "The plugin site") and, but the index, in the README's list of links; every goal's page in the first two.
     */
    @Test
    void theMenuAndTheListsNameEveryPage() throws Exception {
        String site = Files.readString(Path.of("src/site/site.xml"));
        String readme = Files.readString(README);
        String development = Files.readString(DEVELOPMENT);
        String listing = development.substring(development.indexOf("### The plugin site"));
        listing = listing.substring(0, listing.indexOf("\n#", 1));
        List<String> pages = new ArrayList<>();
        try (var markdown = Files.list(Path.of("src/site/markdown"))) {
            markdown.map(file -> file.getFileName().toString().replace(".md", "")).sorted().forEach(pages::add);
        }
        for (String page : pages) {
            if (!page.equals("index")) {
                assertTrue(readme.contains("](src/site/markdown/" + page + ".md)"), "README.md does not link " + page + ".md");
            }
        }
        goals().forEach(goal -> pages.add(goal + "-mojo"));
        for (String page : pages) {
            assertTrue(site.contains("href=\"" + page + ".html\""), "site.xml has no menu item for " + page + ".html");
            assertTrue(listing.contains("`" + page + ".html`"), "development.md's \"The plugin site\" does not list " + page + ".html");
        }
    }

    /** A numbered list item that lost its number (". **`mojo`**") renders as a paragraph starting with a dot. */
    @Test
    void noListItemLostItsNumber() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (var markdown = Files.list(Path.of("src/site/markdown"))) {
            markdown.forEach(pages::add);
        }
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(!lines.get(i).matches("\\.\\s+\\S.*"), page + ":" + (i + 1) + " starts with a bare '.': " + lines.get(i));
            }
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
