package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.fixtures.XmlElements;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code <guests>} element read as Maven would bind it, but with every mistake a problem at
 * its POM path, merged with the validator's in one result.
 */
class DeclarationReaderTest {

    private static final String SEED = """
            <guest>
              <name>rhel3_64_fv</name>
              <arch>x86_64</arch>
              <kernel>2.4.21-52.EL</kernel>
              <driverRelease>0.1-5.el</driverRelease>
              <bootDisk><source>/var/lib/libvirt/images/rhel3_64_fv.dsk</source></bootDisk>
              <networks><network><mac>00:16:3e:5d:c7:9e</mac></network></networks>
              <disks>
                <disk>
                  <source>/var/lib/libvirt/images/UserStorage.dsk</source>
                  <device>xvda</device>
                  <node>xvdb</node>
                  <partitions>
                    <partition><number>1</number><mountPoint>/mnt/pvdisk_p1</mountPoint></partition>
                    <partition><number>2</number><mountPoint>/mnt/pvdisk_p2</mountPoint></partition>
                  </partitions>
                </disk>
              </disks>
            </guest>
            """;

    @Test
    void anExpressionThatNamesNothingIsUnresolvedNotMissing() {
        ConfigElement guest = XmlElements.parse(SEED.replace("<arch>x86_64</arch>", ""));
        List<ConfigElement> children = new java.util.ArrayList<>(guest.children());
        // what the Maven layer hands over for <arch>${guest.arch}</arch> without that property
        children.add(1, new ConfigElement("arch", null, List.of(), List.of("${guest.arch}")));
        Validation validation = DeclarationReader.read(new ConfigElement("guests", null,
                List.of(new ConfigElement("guest", null, children)))).validate();
        assertEquals(List.of("guests/guest[rhel3_64_fv]/arch: ${guest.arch} is unresolved: no property guest.arch is "
                + "defined in this build; define it (<properties> or -Dguest.arch=...) or write the value"),
                validation.errors().stream().map(Problem::toString).toList(), "and not also 'is required'");
    }

    @Test
    void aCorrectDeclarationBindsAsMavenWouldAndValidates() {
        ConfigElement guests = XmlElements.parse("<guests>" + SEED + "</guests>");
        Validation validation = DeclarationReader.read(guests).validate();
        assertEquals(List.of(), validation.errors());
        assertEquals(List.of(SeedGuest.valid().withDeclaration(guests.children().get(0))), validation.guests(),
                "the checked guest, with the element it was read from");
    }

    /** Each checked guest keeps the element it was read from, in order; a guest built in code has none. */
    @Test
    void eachCheckedGuestKeepsTheElementItWasReadFrom() {
        ConfigElement guests = XmlElements.parse("<guests>" + SEED + SEED.replace("rhel3_64_fv", "second")
                .replace("00:16:3e:5d:c7:9e", "00:16:3e:5d:c7:9f").replace("UserStorage", "SecondStorage") + "</guests>");
        Validation validation = DeclarationReader.read(guests).validate();
        assertEquals(List.of(), validation.errors());
        assertEquals(List.of("rhel3_64_fv", "second"), validation.guests().stream().map(ValidGuest::name).toList());
        assertEquals(guests.children(), validation.guests().stream().map(ValidGuest::declaration).toList());
        assertEquals(null, SeedGuest.valid().declaration());
        assertEquals(List.of(), validate("<guests>" + SEED.replace("kernel>", "kernell>") + "</guests>").guests(),
                "no checked guest when a declaration has an error");
    }

    @Test
    void aDeclarationNeedsOneElementForEachGuestWhenItHasElements() {
        ConfigElement guest = XmlElements.parse(SEED);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> new Declaration(List.of(SeedGuest.declaration(), SeedGuest.declaration()), List.of(), Set.of(), List.of(guest)));
        assertEquals("2 guests read from 1 elements", wrong.getMessage());
        assertEquals(List.of(SeedGuest.valid()),
                new Declaration(List.of(SeedGuest.declaration()), List.of(), Set.of(), List.of()).validate().guests(),
                "guests not read from elements are checked as they are");
    }

    @Test
    void everyMisspelledElementIsNamedAtItsPathWithTheNearestNameInOneRun() {
        Validation validation = validate("""
                <guests>
                  <guest>
                    <name>web</name>
                    <arch>i686</arch>
                    <kernell>2.4.21-52.EL</kernell>
                    <driverRelease>0.1-5.el</driverRelease>
                    <bootdisk><source>/dev/vg0/web</source></bootdisk>
                    <netwroks><network><mac>00:16:3e:00:00:01</mac></network></netwroks>
                    <disks>
                      <disk>
                        <sorce>/dev/vg0/web-data</sorce>
                        <device>xvdb</device>
                        <partitions><partition><number>1</number><mountpoint>/srv</mountpoint></partition></partitions>
                      </disk>
                    </disks>
                    <memory>16</memory>
                  </guest>
                </guests>
                """);
        assertEquals(List.of(
                "guests/guest[web]/kernell: unknown element; did you mean <kernel>?",
                "guests/guest[web]/bootdisk: unknown element; did you mean <bootDisk>?",
                "guests/guest[web]/netwroks: unknown element; did you mean <networks>?",
                "guests/guest[web]/disks/disk[1]/sorce: unknown element; did you mean <source>?",
                "guests/guest[web]/disks/disk[1]/partitions/partition[1]/mountpoint: unknown element; did you mean <mountPoint>?",
                // a value problem elsewhere comes in the same run; "kernel is required" and the like do not,
                // since they only repeat a slip already named
                "guests/guest[web]/memory: '16' is out of range: MiB of guest memory must be a whole number from 32 to 1048576"),
                lines(validation.errors()));
        assertEquals(List.of(), validation.guests());
    }

    @Test
    void aMisspellingNextToTheRealElementDoesNotHideTheRealOnesProblems() {
        Validation validation = validate("<guests><guest><name>web</name><arch>i686</arch><kernel>2.6.9</kernel>"
                + "<kernell>2.4.21-52.EL</kernell><driverRelease>0.1-5.el</driverRelease>"
                + "<bootDisk><source>/dev/vg0/web</source></bootDisk></guest></guests>");
        assertEquals(List.of("guests/guest[web]/kernell: unknown element; did you mean <kernel>?",
                "guests/guest[web]/kernel: '2.6.9' is not a RHEL 3, 4 or 5 kernel release: expected "
                        + "2.4.21-<build>[.<sub-build>...].EL (RHEL 3), 2.6.9-<build>[.<sub-build>...].EL (RHEL 4) or "
                        + "2.6.18-<build>[.<sub-build>...].el5 (RHEL 5), e.g. 2.6.9-67.0.1.EL"),
                lines(validation.errors()));
    }

    @Test
    void wrongShapesAreNamedAndWhatTheyLeaveMissingIsNotReportedAgain() {
        Validation validation = validate("""
                <guests>
                  <guest>
                    <name>web</name>
                    <arch>i686</arch>
                    <kernel>2.4.21-52.EL</kernel>
                    <driverRelease>0.1-5.el</driverRelease>
                    <bootDisk>/dev/vg0/web</bootDisk>
                    <memory><mib>1024</mib></memory>
                    <disks>xvdb</disks>
                    <fstabBase><line>LABEL=/ / ext3 defaults 1 1</line><line><text>none /proc proc defaults 0 0</text></line></fstabBase>
                    <extraConfig><localtime>1</localtime><keymap><value>de</value></keymap></extraConfig>
                  </guest>
                </guests>
                """);
        assertEquals(List.of(
                "guests/guest[web]/bootDisk: '/dev/vg0/web' is text, but <bootDisk> holds elements: <device>, <source>",
                "guests/guest[web]/memory: holds elements (<mib>), but <memory> is a single value, e.g. <memory>...</memory>",
                "guests/guest[web]/disks: 'xvdb' is text, but <disks> holds <disk> elements",
                "guests/guest[web]/fstabBase/line[2]: holds elements (<text>), but <line> is a single value, e.g. <line>...</line>",
                "guests/guest[web]/extraConfig/keymap: holds elements (<value>), but <keymap> is a single value, e.g. <keymap>...</keymap>"),
                lines(validation.errors()));
    }

    @Test
    void anElementInTheWrongPlaceIsToldWhereItBelongs() {
        Validation validation = validate("<guests><guest><name>web</name><arch>i686</arch><kernel>2.4.21-52.EL</kernel>"
                + "<driverRelease>0.1-5.el</driverRelease><bootDisk><source>/dev/vg0/web</source></bootDisk>"
                + "<mac>00:16:3e:00:00:01</mac><partitions/><colour>blue</colour></guest></guests>");
        assertEquals(List.of(
                "guests/guest[web]/mac: unknown element here; <mac> belongs inside <networks><network>",
                "guests/guest[web]/partitions: unknown element here; <partitions> belongs inside <disks><disk>",
                // every element of <guest>, sorted: <arch>, <bootDisk>, <disks>, ... (ElementShapeTest: the bean's properties)
                "guests/guest[web]/colour: unknown element; a <guest> holds " + ElementShape.of(Guest.class).listing()),
                lines(validation.errors()));
    }

    @Test
    void listItemsMustHaveTheItemsNameAndAMisspelledItemIsStillChecked() {
        Validation validation = validate("""
                <guests>
                  <guest>
                    <name>web</name>
                    <arch>i686</arch>
                    <kernel>2.4.21-52.EL</kernel>
                    <driverRelease>0.1-5.el</driverRelease>
                    <bootDisk><source>/dev/vg0/web</source></bootDisk>
                    <disks><disc><source>/dev/vg0/data</source><device>xvdq</device></disc></disks>
                    <networks><nic><mac>00:16:3e:00:00:01</mac></nic></networks>
                    <modulesConfBase><entry>alias usb-controller usb-uhci</entry></modulesConfBase>
                  </guest>
                  <name>db</name>
                </guests>
                """);
        assertEquals(List.of(
                "guests/guest[web]/disks/disc[1]: unknown element; did you mean <disk>?",
                "guests/guest[web]/networks/nic[1]: unknown element; <networks> holds <network> elements",
                "guests/guest[web]/modulesConfBase/entry[1]: unknown element; <modulesConfBase> holds <line> elements",
                "guests/name[2]: unknown element; <guests> holds <guest> elements, and <name> belongs inside a <guest>",
                "guests/guest[web]/disks/disk[1]/device: 'xvdq' is out of range: a 2.4 guest has 16 PV disks, "
                        + "xvda..xvdp (8-bit minors, 16 per disk)"),
                lines(validation.errors()));
    }

    @Test
    void anElementGivenTwiceIsAMistake() {
        Validation validation = validate("<guests><guest><name>web</name><name>db</name><arch>i686</arch>"
                + "<kernel>2.4.21-52.EL</kernel><driverRelease>0.1-5.el</driverRelease>"
                + "<bootDisk><source>/dev/vg0/web</source></bootDisk>"
                + "<extraConfig><keymap>de</keymap><keymap>fr</keymap></extraConfig></guest></guests>");
        assertEquals(List.of(
                "guests/guest[db]/name: appears twice; a <guest> has one <name>, and the last one would count",
                "guests/guest[db]/extraConfig/keymap: appears twice; each setting has one value, and the last one would count"),
                lines(validation.errors()));
    }

    @Test
    void aGuestWithoutAValidNameIsNamedByItsPosition() {
        Validation validation = validate("<guests>" + SEED + "<guest><nmae>db</nmae><arch>i686</arch>"
                + "<kernel>2.4.21-52.EL</kernel><driverRelease>0.1-5.el</driverRelease>"
                + "<bootDisk><source>/dev/vg0/db</source></bootDisk></guest></guests>");
        assertEquals(List.of("guests/guest[2]/nmae: unknown element; did you mean <name>?"), lines(validation.errors()));
    }

    @Test
    void aMissingOrEmptyGuestsIsTheValidatorsOwnMessage() {
        assertEquals(List.of("guests: at least one <guest> is required"),
                lines(DeclarationReader.read(null).validate().errors()));
        assertEquals(List.of("guests: at least one <guest> is required"), lines(validate("<guests/>").errors()));
        assertEquals(List.of("guests: 'web' is text, but <guests> holds <guest> elements"),
                lines(validate("<guests>web</guests>").errors()));
    }

    @Test
    void warningsPassThrough() {
        Validation validation = validate("<guests>" + SEED.replace("<kernel>2.4.21-52.EL", "<kernel>2.4.21-47.EL") + "</guests>");
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals(List.of("guests/guest[rhel3_64_fv]/kernel: '2.4.21-47.EL' is older than RHEL 3 Update 9 "
                + "(2.4.21-50.EL): the PV drivers need Update 9 or later"), lines(validation.warnings()));
    }

    @Test
    void theBaseLinesAndExtraSettingsReachTheGuest() {
        // Fails when the reader drops what it read of a list of values or of a map: the setter calls
        // of fill() for VALUE_LIST and VALUE_MAP removed, values() or entries() returning an empty
        // collection, or the add/put of each item removed.
        Validation validation = validate("<guests>" + SEED.replace("</guest>", """
                  <fstabBase><line>LABEL=/ / ext3 defaults 1 1</line><line># kept</line></fstabBase>
                  <modulesConfBase><line>alias scsi_hostadapter aic7xxx</line><line>alias eth0 8139too</line></modulesConfBase>
                  <extraConfig><localtime>1</localtime><keymap>de</keymap></extraConfig>
                </guest>""") + "</guests>");
        assertEquals(List.of(), validation.errors());
        ValidGuest guest = validation.guests().get(0);
        assertEquals(List.of("LABEL=/ / ext3 defaults 1 1", "# kept"), guest.fstabBase());
        assertEquals(List.of("alias scsi_hostadapter aic7xxx", BaseFiles.REPLACED_MARK + "alias eth0 8139too"),
                guest.modulesConfBase());
        assertEquals(List.of(new XmSetting("keymap", "de"), new XmSetting("localtime", 1)), guest.extraConfig());
    }

    @Test
    void textBesideTheElementsOfAListOrAMapIsNamed() {
        // Fails when listText() is not called for a list of values (fill's VALUE_LIST branch) or
        // entries() does not report text beside its elements; the elements still bind.
        Declaration declaration = DeclarationReader.read(XmlElements.parse("<guests>" + SEED.replace("</guest>", """
                  <fstabBase>LABEL=/ / ext3 defaults 1 1<line>none /proc proc defaults 0 0</line></fstabBase>
                  <extraConfig>localtime=1<keymap>de</keymap></extraConfig>
                </guest>""") + "</guests>"));
        assertEquals(List.of(
                "guests/guest[rhel3_64_fv]/fstabBase: 'LABEL=/ / ext3 defaults 1 1' is text, but <fstabBase> holds <line> "
                        + "elements",
                "guests/guest[rhel3_64_fv]/extraConfig: 'localtime=1' is text, but <extraConfig> holds one element per "
                        + "setting, e.g. <localtime>1</localtime>"),
                lines(declaration.problems()));
        Guest guest = declaration.guests().get(0);
        assertEquals(List.of("none /proc proc defaults 0 0"), guest.getFstabBase());
        assertEquals(java.util.Map.of("keymap", "de"), guest.getExtraConfig());
    }

    @Test
    void textBesideTheElementsOfAListLeavesTheElementsChecked() {
        // the text is named, and the elements beside it bind and are validated as usual: fails when
        // the list's path is claimed (its elements' errors dropped) although it holds elements
        Validation validation = validate("<guests>" + SEED.replace("</guest>", """
                  <emulatedDisks>hdb<emulatedDisk><source>images/data.dsk</source><device>hdb</device></emulatedDisk></emulatedDisks>
                </guest>""") + "</guests>");
        assertEquals(List.of(
                "guests/guest[rhel3_64_fv]/emulatedDisks: 'hdb' is text, but <emulatedDisks> holds <emulatedDisk> elements",
                "guests/guest[rhel3_64_fv]/emulatedDisks/emulatedDisk[1]/source: 'images/data.dsk' is not a usable dom0 "
                        + "path: an absolute path of letters, digits, '_', '.', '/', '+', '@' or '-', without commas"),
                lines(validation.errors()));
    }

    @Test
    void aMisspelledLineOfAListOfValuesIsToldItsName() {
        // Fails when values() loses its "did you mean" (didYouMean's message, or the nearest name
        // ignored): <lines> is one letter from <line>, <entry> is nothing like it.
        Validation validation = validate("<guests>" + SEED.replace("</guest>", """
                  <fstabBase><lines>LABEL=/ / ext3 defaults 1 1</lines><entry>none /proc proc defaults 0 0</entry></fstabBase>
                  <extraConfig><keymap><x/></keymap></extraConfig>
                </guest>""") + "</guests>");
        assertEquals(List.of(
                "guests/guest[rhel3_64_fv]/fstabBase/lines[1]: unknown element; did you mean <line>?",
                "guests/guest[rhel3_64_fv]/fstabBase/entry[2]: unknown element; <fstabBase> holds <line> elements",
                "guests/guest[rhel3_64_fv]/extraConfig/keymap: holds elements (<x>), but <keymap> is a single value, "
                        + "e.g. <keymap>...</keymap>"),
                lines(validation.errors()));
    }

    @Test
    void aChildOfGuestsThatIsNoGuestIsToldWhereItBelongsOnlyWhenItBelongsSomewhere() {
        // Fails when read() gives the "belongs inside a <guest>" hint to every stray element or to
        // none (the condition at notAnItem's call negated or either half of it dropped): <kernel>
        // is an element of <guest>, <mac> one further down, <colour> none at all.
        Validation validation = validate("<guests>" + SEED + "<kernel>2.4.21-52.EL</kernel><mac>00:16:3e:00:00:01</mac>"
                + "<colour>blue</colour></guests>");
        assertEquals(List.of(
                "guests/kernel[2]: unknown element; <guests> holds <guest> elements, and <kernel> belongs inside a <guest>",
                "guests/mac[3]: unknown element; <guests> holds <guest> elements, and <mac> belongs inside a <guest>",
                "guests/colour[4]: unknown element; <guests> holds <guest> elements"),
                lines(validation.errors()));
    }

    @Test
    void anElementOfGuestWrittenFurtherDownIsToldItBelongsInGuest() {
        // Fails when unknown() leaves <guest> itself out of the places an element belongs
        // (places.add(0, GUEST) removed): <memory> is an element of <guest> only.
        Validation validation = validate("<guests>" + SEED.replace("<device>xvda</device>",
                "<device>xvda</device><memory>1024</memory>") + "</guests>");
        assertEquals(List.of("guests/guest[rhel3_64_fv]/disks/disk[1]/memory: unknown element here; <memory> belongs inside "
                + "<guest>"), lines(validation.errors()));
    }

    private static Validation validate(String xml) {
        return DeclarationReader.read(XmlElements.parse(xml)).validate();
    }

    private static List<String> lines(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }
}
