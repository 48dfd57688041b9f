package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19 point 8: README.txt of a guest without a NIC says what its modules.conf block replaces in words. */
class NoNicReadmeTest {

    @Test
    void aGuestWithoutANicIsToldNothingIsReplacedInModulesConf() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setNetworks(List.of());
        String readme = new GuestRenderer(new TemplateEngine(null)).render(SeedGuest.validOnly(declaration)).stream()
                .filter(file -> file.path().equals("README.txt")).findFirst().orElseThrow().text();
        assertFalse(readme.contains("line for in"), readme);
        assertTrue(readme.contains("First comment out the lines the\n   blocks replace: none in /etc/modules.conf, as the "
                + "guest has no NIC.\n"), readme);
    }
}
