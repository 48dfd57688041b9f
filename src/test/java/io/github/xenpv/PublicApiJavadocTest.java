package io.github.xenpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release profile attaches a -javadoc.jar and fails on any javadoc warning; this runs the same
 * check (the JDK's javadoc with every doclint group) in every build, so an undocumented public
 * member fails here first instead of at release time.
 */
class PublicApiJavadocTest {

    @Test
    void javadocOfThePublicApiHasNoWarning(@TempDir Path output) throws IOException {
        List<Path> sources;
        try (Stream<Path> main = Files.walk(Path.of("src/main/java"));
                Stream<Path> generated = Files.walk(Path.of("target/generated-sources/plugin"))) {
            sources = Stream.concat(main, generated).filter(path -> path.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 30, "the sources were not found: " + sources);
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-Xdoclint:all", "-Xmaxwarns", "10000", "-quiet", "-d", output.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            boolean ok = javadoc.getTask(null, files, diagnostics, null, options, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            String reported = diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
                    .map(diagnostic -> diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": "
                            + diagnostic.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertEquals("", reported, "javadoc warnings on the public API");
            assertTrue(ok, "javadoc failed");
        }
    }
}
