package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.property.Declarations;
import io.github.xenpv.property.Property;
import io.github.xenpv.render.RenderedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What shrinking does with the two bugs the property tests found, each brought back: a random
 * failing declaration of several guests comes out as the one guest and the one setting that
 * matter, which is what made both bugs plain to see. The before and after go to stdout.
 */
class DeclarationShrinkingTest {

    @TempDir
    Path work;

    /**
     * Bug 1: an extraConfig number below zero. Xen's libxlutil cannot read it, so the validator now
     * refuses it, and a declaration with one fails "every valid declaration validates and renders";
     * the generator of the time drew numbers of either sign, as this one does again.
     */
    @Test
    void aNegativeExtraConfigNumberShrinksToOneGuestWithThatOneSetting() throws Exception {
        Property<List<Guest>> property = Property.of("negativeExtraConfigNumber", 1, DeclarationShrinkingTest::withNegativeNumbers)
                .shrinking(Declarations::smaller).describedBy(Declarations::xml);
        BundleGenerator renderer = DeclarationPropertiesTest.renderer();
        Property.Check<List<Guest>> check = guests -> DeclarationPropertiesTest.validatesAndRendersEveryGuest(renderer, guests);
        long seed = failingSeed(check, DeclarationShrinkingTest::withNegativeNumbers,
                guest -> guest.getExtraConfig() != null && guest.getExtraConfig().containsKey("shadow_memory"));

        Property.Shrunk<List<Guest>> shrunk = shrink(property, seed, check);

        Guest guest = onlyGuest(shrunk);
        assertEquals(1, guest.getExtraConfig().size(), Declarations.xml(shrunk.value()));
        assertTrue(guest.getExtraConfig().values().iterator().next().startsWith("-"));
        assertTrue(shrunk.failure().getMessage().contains("negative number"), shrunk.failure()::getMessage);
    }

    /** The valid generator, plus a negative number in the extraConfig of some guests. */
    static List<Guest> withNegativeNumbers(Random random) {
        List<Guest> guests = Declarations.valid(random);
        for (Guest guest : guests) {
            if (random.nextInt(3) == 0) {
                Map<String, String> extra = guest.getExtraConfig() == null ? new java.util.LinkedHashMap<>() : guest.getExtraConfig();
                extra.put("shadow_memory", Integer.toString(-1 - random.nextInt(64)));
                guest.setExtraConfig(extra);
            }
        }
        return guests;
    }

    /**
     * Bug 2: xenpv-mknod of a guest without PV disks printed its name between two double-quoted
     * halves, which shellcheck flags (SC2140). The template of the time is brought back as a user
     * template; every other file stays the bundled one.
     */
    @Test
    void theNoDiskMknodMessageShrinksToOneGuestWithoutDisks() throws Exception {
        Checkers.require(Checkers.Tool.SHELLCHECK);
        Path templates = work.resolve("templates");
        String template = "guest" + ValidGuest.NODE_SCRIPT + ".ftl";
        Path mknod = templates.resolve(template);
        Files.createDirectories(mknod.getParent());
        Files.writeString(mknod, withTheOldNoDiskLine(Files.readString(Path.of("templates", template))));
        BundleGenerator buggy = new BundleGenerator(work.resolve("not-written"), templates);
        Property.Check<List<Guest>> check = guests -> mknodPassesTheShellCheckers(buggy, guests);
        long seed = failingSeed(check, Declarations::valid, guest -> guest.getDisks() == null || guest.getDisks().isEmpty());
        // the bundled template holds on the very same declaration
        mknodPassesTheShellCheckers(new BundleGenerator(work.resolve("not-written"), null), Declarations.valid(new Random(seed)));

        Property.Shrunk<List<Guest>> shrunk = shrink(Property.of("noDiskMknodMessage", 1, Declarations::valid)
                .shrinking(Declarations::smaller).describedBy(Declarations::xml), seed, check);

        Guest guest = onlyGuest(shrunk);
        assertTrue(guest.getDisks() == null || guest.getDisks().isEmpty(), Declarations.xml(shrunk.value()));
        assertTrue(shrunk.failure().getMessage().contains("SC2140"), shrunk.failure()::getMessage);
    }

    /** The no-disk line as it was before commit 8e8cb4f: the name between two double-quoted halves. */
    static String withTheOldNoDiskLine(String template) {
        Matcher line = Pattern.compile("printf 'xenpv-mknod: guest %s declares no PV disks; no nodes to create\\\\n' (\\S+)")
                .matcher(template);
        assertTrue(line.find(), "xenpv-mknod.ftl has no no-disk printf line any more: update this test");
        return line.replaceFirst(Matcher.quoteReplacement("echo \"xenpv-mknod: guest \"" + line.group(1)
                + "\" declares no PV disks; no nodes to create\""));
    }

    static void mknodPassesTheShellCheckers(BundleGenerator generator, List<Guest> guests) throws Exception {
        Validation validation = GuestValidator.validate(guests);
        assertEquals(List.of(), validation.errors());
        for (GuestBundle bundle : generator.render(validation.guests())) {
            RenderedFile mknod = bundle.files().stream().filter(file -> file.path().equals("guest" + ValidGuest.NODE_SCRIPT))
                    .findFirst().orElseThrow();
            Path script = Files.createTempFile("xenpv-mknod-", ".sh");
            try {
                Files.write(script, mknod.content());
                Checkers.shellScript(script);
            } finally {
                Files.delete(script);
            }
        }
    }

    @Test
    void theSeedInTheReportReplaysTheFailingCase() {
        Property.Check<List<Guest>> atMostTwoGuests = guests -> assertTrue(guests.size() <= 2, "more than two guests");
        AssertionError report = assertThrows(AssertionError.class, () -> Property.of("atMostTwoGuests", 100, Declarations::valid)
                .describedBy(Declarations::xml).check(atMostTwoGuests));
        Matcher seed = Pattern.compile("Replay it: -Dxenpv\\.seed=(-?[0-9]+)").matcher(report.getMessage());
        assertTrue(seed.find(), report::getMessage);
        List<Guest> replayed = Declarations.valid(new Random(Long.parseLong(seed.group(1))));
        assertTrue(replayed.size() > 2, "the seed of the report makes the failing declaration again");
        assertTrue(report.getMessage().contains(Declarations.xml(replayed)), report::getMessage);
        assertNotNull(report.getCause(), "the failure itself is the cause");
        assertFalse(report.getMessage().contains("Shrunk"), "no shrinking asked for, none done");
    }

    @Test
    void aDeclarationIsShownAsThePomElement() {
        Guest guest = new Guest();
        guest.setName("web<1>");
        guest.setMemory("512");
        guest.setExtraConfig(Map.of("keymap", "de\n"));
        guest.setFstabBase(List.of("LABEL=/ / ext3 defaults 1 1"));
        assertEquals("""
                <guests>
                  <guest>
                    <name>web&lt;1&gt;</name>
                    <memory>512</memory>
                    <fstabBase>
                      <line>LABEL=/ / ext3 defaults 1 1</line>
                    </fstabBase>
                    <extraConfig>
                      <keymap>de\\u000a</keymap>
                    </extraConfig>
                  </guest>
                </guests>""", Declarations.xml(List.of(guest)));
    }

    // ----------------------------------------------------------------- helpers

    /**
     * The first seed from a fixed start whose declaration has at least three guests, some {@code like}
     * the shrunk one should be and some not (so shrinking has to pick), and that fails the check.
     */
    static long failingSeed(Property.Check<List<Guest>> check, Function<Random, List<Guest>> generator, Predicate<Guest> like) {
        for (long seed = 1; seed < 1000; seed++) {
            List<Guest> declaration = generator.apply(new Random(seed));
            if (declaration.size() >= 3 && declaration.stream().anyMatch(like) && !declaration.stream().allMatch(like)) {
                try {
                    check.accept(declaration);
                } catch (AssertionError failed) {
                    return seed;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no failing declaration of three guests, some like the one sought, in 1000 seeds");
    }

    static Property.Shrunk<List<Guest>> shrink(Property<List<Guest>> property, long seed, Property.Check<List<Guest>> check) {
        List<Guest> original = property.generated(seed);
        // caught here, not by assertThrows: JUnit 6 cuts the stack trace of what assertThrows returns,
        // and shrinking tells one failure from another by the line that threw
        Throwable failure = null;
        try {
            check.accept(property.generated(seed));
        } catch (Exception | AssertionError failed) {
            failure = failed;
        }
        assertNotNull(failure, "seed " + seed + " does not fail");
        Property.Shrunk<List<Guest>> shrunk = property.shrink(seed, failure, check);
        // one line: the declarations themselves run to hundreds of lines of XML, which a green build's log need not hold
        System.out.println("seed " + seed + ": a failing declaration of " + Declarations.xml(original).lines().count()
                + " lines shrunk to " + Declarations.xml(shrunk.value()).lines().count() + " in " + shrunk.attempts()
                + " attempts by: " + String.join("; ", shrunk.edits().stream().map(Property.Edit::description).toList()));
        assertFalse(shrunk.edits().isEmpty(), "nothing shrunk");
        assertTrue(original.size() >= 3);
        return shrunk;
    }

    static Guest onlyGuest(Property.Shrunk<List<Guest>> shrunk) {
        assertEquals(1, shrunk.value().size(), Declarations.xml(shrunk.value()));
        Guest guest = shrunk.value().get(0);
        String shown = Declarations.xml(shrunk.value());
        assertTrue(guest.getNetworks() == null || guest.getNetworks().isEmpty(), shown);
        for (Object optional : java.util.Arrays.asList(guest.getGrub(), guest.getFstabBase(), guest.getModulesConfBase(), guest.getMemory(),
                guest.getVcpus(), guest.getDriverRpm(), guest.getUuid(), guest.getDom0Arch(), guest.getDom0Release(), guest.getNoapic())) {
            assertNull(optional, shown);
        }
        return guest;
    }
}
