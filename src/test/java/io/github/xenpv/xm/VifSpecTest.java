package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VifSpecTest {

    @Test
    void pairsInOrderStrippedAsXmStripsThem() {
        assertEquals(List.of(new VifSpec.Setting("mac", "00:16:3e:11:22:33"), new VifSpec.Setting("bridge", "xenbr0"),
                new VifSpec.Setting("script", "vif-bridge"), new VifSpec.Setting("type", "ioemu")),
                VifSpec.parse(" mac=00:16:3e:11:22:33, bridge = xenbr0,script=vif-bridge,type=ioemu ").settings());
        assertEquals(List.of(new VifSpec.Setting("ip", "10.0.0.1 10.0.0.2")),
                VifSpec.parse("ip=10.0.0.1 10.0.0.2").settings());
        assertEquals(List.of(new VifSpec.Setting("rate", "10Mb/s@20ms")), VifSpec.parse("rate=10Mb/s@20ms").settings());
    }

    @Test
    void anEmptyEntryIsANicWithEveryDefault() {
        assertEquals(List.of(), VifSpec.parse("").settings());
        assertEquals(List.of(), VifSpec.parse("  ").settings());
    }

    /** xm splits at the first '=' whatever comes before it; an empty key is then no option xm knows, for the import to name. */
    @Test
    void aPairWithAnEmptyKeyIsStillAPair() {
        assertEquals(List.of(new VifSpec.Setting("", "00:16:3e:11:22:33")), VifSpec.parse("=00:16:3e:11:22:33").settings());
    }

    @Test
    void aPairWithoutEqualsIsRefused() {
        assertEquals("'bridge' is not key=value",
                assertThrows(IllegalArgumentException.class, () -> VifSpec.parse("mac=00:16:3e:11:22:33,bridge")).getMessage());
        assertEquals("'' is not key=value",
                assertThrows(IllegalArgumentException.class, () -> VifSpec.parse("mac=00:16:3e:11:22:33,")).getMessage());
    }
}
