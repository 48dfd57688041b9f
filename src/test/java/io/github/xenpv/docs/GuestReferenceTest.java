package io.github.xenpv.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.model.DeclarationElements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * README.md's element table and the site's guest reference and validation pages are generated
 * from src/docs/guest-reference.txt, which must name every element the model binds. With
 * {@code -Dxenpv.updateDocs=true} the pages are written first; without it any difference fails.
 */
class GuestReferenceTest {

    private static final boolean UPDATE = Boolean.getBoolean("xenpv.updateDocs");
    /** A page whose hand-edited tables go into the source first (README.md after a merge), see {@link GuestReference#adopt}. */
    private static final String ADOPT = System.getProperty("xenpv.adoptDocs", "");

    @Test
    void theSourceDocumentsEveryElementTheModelBindsAndNoOther() throws Exception {
        List<String> mismatches = GuestReference.read().mismatches();
        assertEquals(List.of(), mismatches, "src/docs/guest-reference.txt and the POM beans disagree");
    }

    @Test
    void theReadmeAndTheSitePagesHoldWhatTheSourceGenerates() throws Exception {
        if (!ADOPT.isEmpty()) {
            String source = Files.readString(GuestReference.SOURCE);
            Files.writeString(GuestReference.SOURCE, GuestReference.read().adopt(Files.readString(Path.of(ADOPT)), source));
        }
        GuestReference reference = GuestReference.read();
        for (Map.Entry<Path, Set<String>> page : GuestReference.PAGES.entrySet()) {
            String text = Files.readString(page.getKey());
            assertTrue(GuestReference.regionsIn(text).containsAll(page.getValue()),
                    page.getKey() + " carries the generated regions " + page.getValue());
            String generated = reference.fill(text);
            if (UPDATE && !generated.equals(text)) {
                Files.writeString(page.getKey(), generated);
                text = generated;
            }
            assertEquals(generated, text, page.getKey() + " differs from " + GuestReference.SOURCE + ". Only in the page:\n"
                    + linesOnlyIn(text, generated) + "\nOnly in the source:\n" + linesOnlyIn(generated, text)
                    + "\nA line only in the page (an edit merged into the page) goes into the source first: "
                    + "mvn -o -B test -Dtest=GuestReferenceTest -Dxenpv.adoptDocs=README.md -Dxenpv.updateDocs=true "
                    + "takes the page's table rows in, then writes every page");
        }
    }

    private static String linesOnlyIn(String text, String other) {
        Set<String> others = Set.copyOf(other.lines().toList());
        return String.join("\n", text.lines().filter(line -> !others.contains(line)).toList());
    }

    /** The checks above can fail: a bean's new setter, a record for a lost element, a stray type, a rule-less value. */
    @Test
    void aSourceThatDriftedFromTheModelIsNamedElementByElement() {
        List<DeclarationElements.Element> model = List.of(new DeclarationElements.Element("guests", "guests", "list of `<guest>`", null),
                new DeclarationElements.Element("name", "guests/guest/name", null, null),
                new DeclarationElements.Element("console", "guests/guest/console", null, null),
                new DeclarationElements.Element("disks", "guests/guest/disks", "list of `<disk>`", null));
        String source = """
                # a comment
                element: guests
                default: required
                meaning: the guests

                element: name
                type: text
                default: required
                meaning: the domain
                  name

                element: disks
                type: list
                default: none
                meaning: PV disks

                element: kernell
                type: text
                default: required
                meaning: gone

                about: `guests`
                rule: one
                why: none
                """;
        GuestReference reference = GuestReference.parse(source, model);
        assertEquals(List.of("console (guests/guest/console): the model binds it, src/docs/guest-reference.txt has no record",
                "name: no rule is about `name`",
                "disks: list of `<disk>`, read from the model: its record gives no type",
                "kernell: no element of the model ([console, disks, guests, name])"), reference.mismatches());
        String table = reference.regions().get("reference");
        assertTrue(table.contains("| `name` | text | required | the domain name |\n"), table);
        assertTrue(table.contains("| `guests` | list of `<guest>` | required | the guests |\n"), table);
        assertTrue(reference.regions().get("elements").contains("| `name` | required | the domain name |\n"), table);
    }

    /** A merge brought another branch's table rows into README.md: they go into the source, the rest stays. */
    @Test
    void editedTableRowsAreTakenIntoTheSource() {
        List<DeclarationElements.Element> model = List.of(new DeclarationElements.Element("name", "guests/guest/name", null, null),
                new DeclarationElements.Element("arch", "guests/guest/arch", null, null));
        String source = "# header\n\nelement: name\ntype: text\ndefault: required\nmeaning: old\n\n"
                + "about: `name`\nrule: a\nwhy: b\n\nabout: `name`\nrule: c\nwhy: d\n";
        String page = "x\n| element | default | meaning |\n|---|---|---|\n| `name` | required | new |\n| `arch` | required | the arch |\n\n"
                + "| element | rule | why |\n|---|---|---|\n| `name` | a | b |\n| `name` | c2 | d2 |\n| `arch` | e | f |\n";
        String adopted = GuestReference.parse(source, model).adopt(page, source);
        assertEquals("# header\n\nelement: name\ntype: text\ndefault: required\nmeaning: new\n\n"
                + "element: arch\ntype: text\ndefault: required\nmeaning: the arch\n\n"
                + "about: `name`\nrule: a\nwhy: b\n\nabout: `name`\nrule: c2\nwhy: d2\n\nabout: `arch`\nrule: e\nwhy: f\n", adopted);
        assertEquals(List.of(), GuestReference.parse(adopted, model).mismatches());
    }

    @Test
    void aRegionIsReplacedUpToItsEndLineAndTheOutlineNestsTheElements() {
        List<DeclarationElements.Element> model = List.of(new DeclarationElements.Element("guests", "guests", "list of `<guest>`", null),
                new DeclarationElements.Element("disks", "guests/guest/disks", "list of `<disk>`", null),
                new DeclarationElements.Element("disk/source", "guests/guest/disks/disk/source", null, null),
                new DeclarationElements.Element("fstabBase", "guests/guest/fstabBase", "list of `<line>`", "<line>…</line>"));
        GuestReference reference = GuestReference.parse("""
                element: guests
                default: required
                meaning: g

                element: disks
                default: none
                meaning: d

                element: disk/source
                type: path
                default: required
                meaning: s

                element: fstabBase
                default: stock
                meaning: f
                """, model);
        String page = "intro\n<!-- generated: outline from the source -->\nold\n<!-- end generated: outline -->\nafter\n";
        assertEquals("intro\n<!-- generated: outline from the source -->\n```xml\n<guests>\n  <guest>\n    <disks>\n      <disk>\n"
                + "        <source>…</source>\n      </disk>\n    </disks>\n    <fstabBase><line>…</line></fstabBase>\n"
                + "  </guest>\n</guests>\n```\n<!-- end generated: outline -->\nafter\n", reference.fill(page));
        assertThrows(IllegalArgumentException.class, () -> reference.fill("<!-- generated: outline -->\nno end\n"));
        assertThrows(IllegalArgumentException.class, () -> GuestReference.parse("element: a\ndefault: x\nmeaning: a | b\n", model));
        assertThrows(IllegalArgumentException.class, () -> GuestReference.parse("element: a\nmeaning: x\n", model));
    }
}
