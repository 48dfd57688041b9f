package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Did you mean" finds slips of the keyboard and nothing further away. */
class NearestNameTest {

    private static final List<String> GUEST = List.of("name", "arch", "kernel", "kernelVariant", "driverRelease",
            "driverRpm", "memory", "vcpus", "uuid", "bootDisk", "networks", "disks", "noapic");

    @ParameterizedTest
    @CsvSource({
        "kernell, kernel",          // a letter too many
        "kernl, kernel",            // a letter too few
        "netwroks, networks",       // two letters swapped
        "bootdisk, bootDisk",       // case
        "BOOTDISK, bootDisk",
        "drivrRelease, driverRelease",
        "uid, uuid",
        "vcpu, vcpus",
        "disk, disks",
        "kernelVarient, kernelVariant",
        "cpus, vcpus",
        "kern, kernel",             // two letters short of a long name
    })
    void aSlipFindsTheElement(String written, String meant) {
        assertEquals(Optional.of(meant), NearestName.to(written, GUEST));
    }

    @ParameterizedTest
    @CsvSource({"colour", "source", "ram", "bridge", "size", "nm", "kernelArgs"})
    void anotherWordFindsNothing(String written) {
        assertEquals(Optional.empty(), NearestName.to(written, GUEST));
    }

    @Test
    void ofNamesEquallyNearTheFirstKnownWins() {
        // the reader passes a bean's names sorted (ElementShape.names), so the hint does not change
        // from run to run; fails when a later name of the same distance replaces the first ('<' as '<=')
        assertEquals(Optional.of("node"), NearestName.to("nod", List.of("node", "nods")));
        assertEquals(Optional.of("nods"), NearestName.to("nod", List.of("nods", "node")));
        // a nearer name later in the list still wins
        assertEquals(Optional.of("node"), NearestName.to("nodee", List.of("nodes_", "node")));
    }

    @Test
    void aShortenedNameIsCompletedFromThreeLettersOnWhenItBeginsOneNameOnly() {
        List<String> parameters = List.of("outputDirectory", "outputTimestamp", "skip", "declarations");
        assertEquals(Optional.of("skip"), NearestName.completing("ski", parameters));
        assertEquals(Optional.of("declarations"), NearestName.completing("DECL", parameters));
        assertEquals(Optional.empty(), NearestName.completing("sk", parameters), "two letters say too little");
        assertEquals(Optional.empty(), NearestName.completing("out", parameters), "it begins two names");
        assertEquals(Optional.of("outputTimestamp"), NearestName.completing("outputT", parameters));
        assertEquals(Optional.empty(), NearestName.completing("skipped", parameters), "longer than the name");
    }

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "'', abc, 3", "abc, '', 3", "abc, x, 3", "ca, abc, 3"})
    void distance(String a, String b, int expected) {
        assertEquals(expected, NearestName.distance(a, b));
    }
}
