package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled templates only lay out: the decisions are properties of the guest, so a user who
 * overrides a template never has to restate a rule. And every template is either a file of some
 * bundle or an include, so none is silently never rendered.
 */
class TemplatesOnlyLayOutTest {

    static final Path TEMPLATES = Path.of("templates");

    /** What deciding in a template looks like: filtering or mapping a list, comparing to a string, reading moduleLoading. */
    static final List<String> DECIDING = List.of("?filter", "?map", "?seq_contains", "== \"", "!= \"", "moduleLoading");

    /** FreeMarker's own syntax: directives, macro calls and interpolations (the shell and awk around them are not). */
    static final Pattern FTL = Pattern.compile("<[#@/](?:[^>\"]|\"[^\"]*\")*>|\\$\\{[^}]*}");
    static final Pattern NOPARSE = Pattern.compile("(?s)<#noparse>.*?</#noparse>");

    @Test
    void noBundledTemplateDecides() throws IOException {
        for (Path template : templates()) {
            Matcher ftl = FTL.matcher(NOPARSE.matcher(Files.readString(TEMPLATES.resolve(template))).replaceAll(""));
            while (ftl.find()) {
                for (String deciding : DECIDING) {
                    assertFalse(ftl.group().contains(deciding),
                            template + ": " + ftl.group() + " decides with " + deciding + "; make it a property of the guest");
                }
            }
        }
    }

    @Test
    void theCheckSeesADecision() {
        Matcher ftl = FTL.matcher("a <#if guest.moduleLoading == \"rc.local\">b</#if> ${x?filter(p -> p.swap)}");
        assertTrue(ftl.find() && ftl.group().contains("moduleLoading") && ftl.find() && ftl.find()
                && ftl.group().contains("?filter"));
    }

    @Test
    void everyTemplateIsABundleFileOrAnInclude() throws Exception {
        Guest rcLocal = SeedGuest.declaration();
        rcLocal.setModuleLoading("rc.local");
        rcLocal.getDisks().get(0).getPartitions().forEach(partition -> {
            partition.setPass("0");
            partition.setOptions("noauto");
        });
        Set<String> rendered = new TreeSet<>();
        List<Guest> guests = new java.util.ArrayList<>(List.of(SeedGuest.declaration(), rcLocal));
        guests.addAll(Rhel45Guests.rhel4());
        guests.addAll(Rhel45Guests.rhel5());
        for (Guest guest : guests) {
            BundleLayout.entries(SeedGuest.validOnly(guest)).forEach(entry -> rendered.add(entry.template()));
        }
        Set<String> files = templates().stream().map(Path::toString).filter(path -> !path.startsWith("include/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, rendered);
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            return walk.filter(path -> path.toString().endsWith(".ftl")).map(TEMPLATES::relativize).sorted().toList();
        }
    }
}
