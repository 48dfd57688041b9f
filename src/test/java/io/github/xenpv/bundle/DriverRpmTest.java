package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.fixtures.StandInRpm;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver RPMs a bundle carries (issue 21, point 3): read from packages the real rpmbuild
 * makes, refused when they are none, and chosen per guest as install-guest.sh finds them.
 */
class DriverRpmTest {

    @TempDir
    Path folder;

    /** The main header's data: name, version, release and architecture, each ended by a NUL, at 0, 11, 15 and 20. */
    private static final byte[] STRINGS = ("kmod-xenpv\0" + "0.1\0" + "5.el\0" + "x86_64\0")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAIN = header(STRINGS, new int[] {1000, 6, 0, 1}, new int[] {1001, 6, 11, 1},
            new int[] {1002, 6, 15, 1}, new int[] {1022, 6, 20, 1});
    private static final byte[] PAYLOAD = "P\0 the payload".getBytes(StandardCharsets.US_ASCII);

    /**
     * A package laid out as rpm lays it out, from header structures made here: the 96-byte lead (of
     * which only the magic is read), the signature header padded to 8 bytes, the main header, the payload.
     */
    private static byte[] rpm(byte[] signature, byte[] main, byte[] payload) {
        int mainStart = (96 + signature.length + 7) / 8 * 8;
        return ByteBuffer.allocate(mainStart + main.length + payload.length).putInt(0xedabeedb).put(96, signature)
                .put(mainStart, main).put(mainStart + main.length, payload).array();
    }

    /** A package whose signature records the size of its main header and payload, as rpm's does. */
    private static byte[] whole(byte[] main, byte[] payload) {
        return rpm(signature(main.length + payload.length), main, payload);
    }

    /** A signature header whose data holds only the size of the main header and payload. */
    private static byte[] signature(int size) {
        return header(ByteBuffer.allocate(4).putInt(size).array(), new int[] {1000, 4, 0, 1});
    }

    /** A header structure: its magic, the index of entries (tag, type, offset in the data, count), the data. */
    private static byte[] header(byte[] data, int[]... entries) {
        ByteBuffer header = ByteBuffer.allocate(16 + entries.length * 16 + data.length).putInt(0x8eade801).putInt(0)
                .putInt(entries.length).putInt(data.length);
        for (int[] entry : entries) {
            for (int field : entry) {
                header.putInt(field);
            }
        }
        return header.put(data).array();
    }

    private static String refusal(byte[] content) {
        return assertThrows(DriverRpm.NotAnRpm.class, () -> DriverRpm.read("kmod-xenpv.rpm", content)).getMessage();
    }

    private DriverRpm built(String name, String arch) throws Exception {
        Path rpm = StandInRpm.build(folder.resolve("rpmbuild"), name, "0.1", "5.el", arch,
                "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", "xen-vbd.o");
        return DriverRpm.read(rpm.getFileName().toString(), Files.readAllBytes(rpm));
    }

    @Test
    void theHeaderGivesNameVersionReleaseAndArch() throws Exception {
        DriverRpm rpm = built("kmod-xenpv-smp", "i686");
        assertEquals(List.of("kmod-xenpv-smp", "0.1", "5.el", "i686"), List.of(rpm.name(), rpm.version(), rpm.release(),
                rpm.arch()));
        assertEquals("kmod-xenpv-smp-0.1-5.el.i686.rpm", rpm.packageFileName());
        assertEquals(rpm.packageFileName(), rpm.fileName());
    }

    @Test
    void whatIsNoRpmIsRefusedSayingWhy() throws Exception {
        byte[] real = Files.readAllBytes(StandInRpm.build(folder.resolve("rpmbuild"), "kmod-xenpv", "0.1", "5.el",
                "x86_64", null));
        assertEquals("is not an RPM: it does not start with an RPM lead", assertThrows(DriverRpm.NotAnRpm.class, () ->
                DriverRpm.read("kmod-xenpv.rpm", "not an RPM\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("is not an RPM: its signature header is missing or damaged", assertThrows(DriverRpm.NotAnRpm.class,
                () -> DriverRpm.read("kmod-xenpv.rpm", Arrays.copyOf(real, 100))).getMessage());
        assertEquals("is not a whole RPM: its signature says " + real.length + " bytes, the file has " + (real.length - 1)
                + " (cut short, or something appended)", assertThrows(DriverRpm.NotAnRpm.class,
                () -> DriverRpm.read("kmod-xenpv.rpm", Arrays.copyOf(real, real.length - 1))).getMessage());
        assertTrue(assertThrows(DriverRpm.NotAnRpm.class, () -> DriverRpm.read("install-guest.sh", real)).getMessage()
                .contains("ending in .rpm"));
        assertTrue(assertThrows(DriverRpm.NotAnRpm.class, () -> DriverRpm.read("../kmod-xenpv.rpm", real)).getMessage()
                .contains("cannot be the RPM's name in the bundle"));
    }

    @Test
    void aPackageOfJustTheFourStringsIsRead() throws Exception {
        // the name first in the header's data, the strings the last entries of its index
        DriverRpm rpm = DriverRpm.read("kmod-xenpv.rpm", whole(MAIN, PAYLOAD));
        assertEquals(List.of("kmod-xenpv", "0.1", "5.el", "x86_64"), List.of(rpm.name(), rpm.version(), rpm.release(),
                rpm.arch()));
    }

    @Test
    void theSizeTheSignatureRecordsAtTheStartOfItsDataIsChecked() throws Exception {
        byte[] appended = Arrays.copyOf(whole(MAIN, PAYLOAD), whole(MAIN, PAYLOAD).length + 1);
        int main = appended.length - 1 - MAIN.length - PAYLOAD.length;
        assertEquals("is not a whole RPM: its signature says " + (appended.length - 1) + " bytes, the file has "
                + appended.length + " (cut short, or something appended)", refusal(appended), "the size first and last in the data");
        assertEquals("is not a whole RPM: its signature says " + main + " bytes, the file has " + (appended.length - 1)
                + " (cut short, or something appended)", refusal(rpm(signature(0), MAIN, PAYLOAD)), "a size of 0");
    }

    @Test
    void aSizeEntryReachingPastTheSignaturesDataIsNoSize() throws Exception {
        // its last bytes would be the padding and the main header's magic: rpm would not read them as the size either
        byte[] signature = header(ByteBuffer.allocate(4).putInt(MAIN.length + PAYLOAD.length).array(), new int[] {1000, 4, 2, 1});
        assertEquals("kmod-xenpv", DriverRpm.read("kmod-xenpv.rpm", rpm(signature, MAIN, PAYLOAD)).name());
    }

    @Test
    void theSignaturesDataIsNeverReadAsAnEntryOfItsIndex() throws Exception {
        // no size entry, but a digest whose 16 bytes would be one (a size of 1000), were the index one entry longer
        byte[] digest = ByteBuffer.allocate(16).putInt(1000).putInt(4).putInt(0).putInt(1).array();
        byte[] signature = header(digest, new int[] {1004, 7, 0, 16});
        assertEquals("kmod-xenpv", DriverRpm.read("kmod-xenpv.rpm", rpm(signature, MAIN, PAYLOAD)).name());
    }

    @Test
    void aFileEndingInsideTheLeadOrSignatureNamesWhatIsMissing() {
        byte[] lead = whole(MAIN, PAYLOAD);
        assertEquals("is not an RPM: its signature header is missing or damaged", refusal(Arrays.copyOf(lead, 96)));
        byte[] emptySignature = Arrays.copyOf(rpm(header(new byte[0]), MAIN, PAYLOAD), 96 + 16);
        assertEquals("is not an RPM: its main header is missing or damaged", refusal(emptySignature));
    }

    @Test
    void theMainHeadersDataIsNeverReadAsAnEntryOfItsIndex() throws Exception {
        // 16 bytes of data that would be a string entry pointing far outside, were the index one entry longer
        byte[] data = ByteBuffer.allocate(16 + STRINGS.length).putInt(1020).putInt(6).putInt(0x7fff0000).putInt(1).put(STRINGS)
                .array();
        byte[] main = header(data, new int[] {1000, 6, 16, 1}, new int[] {1001, 6, 27, 1}, new int[] {1002, 6, 31, 1},
                new int[] {1022, 6, 36, 1});
        assertEquals("x86_64", DriverRpm.read("kmod-xenpv.rpm", whole(main, PAYLOAD)).arch());
    }

    @Test
    void aStringThatStartsOrRunsPastTheEndOfTheHeadersDataIsRefused() {
        byte[] outside = header(STRINGS, new int[] {1000, 6, 0, 1}, new int[] {1001, 6, 11, 1}, new int[] {1002, 6, 15, 1},
                new int[] {1022, 6, STRINGS.length, 1});
        assertEquals("is not an RPM: a string of its header lies outside it", refusal(whole(outside, PAYLOAD)));
        // the payload after an unended arch ends in a NUL: the string still may not run into it
        byte[] unended = header(Arrays.copyOf(STRINGS, STRINGS.length - 1), new int[] {1000, 6, 0, 1}, new int[] {1001, 6, 11, 1},
                new int[] {1002, 6, 15, 1}, new int[] {1022, 6, 20, 1});
        assertEquals("is not an RPM: a string of its header does not end", refusal(whole(unended, PAYLOAD)));
    }

    @Test
    void twoRpmsAreTheSameWhenTheirNamesAndBytesAre() throws Exception {
        DriverRpm rpm = DriverRpm.read("kmod-xenpv.rpm", whole(MAIN, PAYLOAD));
        DriverRpm same = DriverRpm.read("kmod-xenpv.rpm", whole(MAIN, PAYLOAD));
        assertEquals(rpm, same);
        assertEquals(rpm.hashCode(), same.hashCode());
        assertNotEquals(rpm, DriverRpm.read("kmod-xenpv-copy.rpm", whole(MAIN, PAYLOAD)));
        assertNotEquals(rpm, DriverRpm.read("kmod-xenpv.rpm", whole(MAIN, "other payload".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("kmod-xenpv-0.1-5.el.x86_64", rpm.toString(), "the package as rpm -q names it");
    }

    @Test
    void aGuestsDriverRpmMatchesAsTheShellMatchesIt() throws Exception {
        DriverRpm rpm = built("kmod-xenpv", "x86_64");
        assertTrue(rpm.matches("kmod-xenpv*.rpm"));
        assertTrue(rpm.matches("*"));
        assertTrue(rpm.matches("kmod-xenpv-0.1-5.el.x86_64.rpm"));
        assertFalse(rpm.matches("kmod-xenpv-smp*.rpm"));
        assertFalse(rpm.matches("kmod-xenpv"));
    }

    @Test
    void eachGuestGetsTheRpmOfItsVariantAndArchAmongThoseItsDriverRpmMatches() throws Exception {
        DriverRpm up32 = built("kmod-xenpv", "i686");
        DriverRpm smp32 = built("kmod-xenpv-smp", "i686");
        DriverRpm up64 = built("kmod-xenpv", "x86_64");
        ValidGuest seed = SeedGuest.valid();
        Guest smpDeclared = SeedGuest.declaration();
        smpDeclared.setName("db");
        smpDeclared.setArch("i686");
        smpDeclared.setKernelVariant("smp");
        smpDeclared.getNetworks().get(0).setMac("00:16:3e:00:00:02");
        smpDeclared.getBootDisk().setSource("/var/lib/libvirt/images/db.dsk");
        smpDeclared.setDisks(List.of());
        ValidGuest smp = SeedGuest.validOnly(smpDeclared);
        DriverRpms.Choice choice = DriverRpms.choose(List.of(seed, smp), List.of(up32, smp32, up64));
        assertEquals(List.of(), choice.problems());
        assertEquals(Map.of("rhel3_64_fv", up64, "db", smp32), choice.byGuest());
        assertEquals(Map.of(), DriverRpms.choose(List.of(seed), List.of()).byGuest(), "no driver RPMs, as before");
    }

    @Test
    void aGuestWhoseDriverRpmSinglesOutNoneIsTheProblemAtThatElement() throws Exception {
        DriverRpm smp32 = built("kmod-xenpv-smp", "i686");
        DriverRpm hugemem32 = built("kmod-xenpv-hugemem", "i686");
        DriverRpms.Choice none = DriverRpms.choose(List.of(SeedGuest.valid()), List.of(smp32, hugemem32));
        assertEquals(List.of(new Problem("guests/guest[rhel3_64_fv]/driverRpm", "'kmod-xenpv*.rpm' matches 2 of the "
                + "driver RPMs (kmod-xenpv-smp-0.1-5.el.i686.rpm, kmod-xenpv-hugemem-0.1-5.el.i686.rpm), and none of them "
                + "is package kmod-xenpv built for x86_64: set <driverRpm> to the name of the one this guest installs")),
                none.problems());
        Guest other = SeedGuest.declaration();
        other.setDriverRpm("kmod-xenpv-0.1*.rpm");
        assertEquals(List.of(new Problem("guests/guest[rhel3_64_fv]/driverRpm", "'kmod-xenpv-0.1*.rpm' matches none of "
                + "the driver RPMs the bundles carry (driverRpms: kmod-xenpv-smp-0.1-5.el.i686.rpm): add the kmod-xenpv RPM "
                + "this guest installs, built for x86_64 and kernel 2.4.21-52.EL, to <driverRpms>, or set <driverRpm> to "
                + "the name of one of them")),
                DriverRpms.choose(List.of(SeedGuest.validOnly(other)), List.of(smp32)).problems());
    }
}
