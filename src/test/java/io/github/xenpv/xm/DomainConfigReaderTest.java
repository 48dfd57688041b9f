package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The literal subset of Python that xm configs are written in, and everything else reported, never run. */
class DomainConfigReaderTest {

    private static DomainConfig read(String text) throws XmSyntaxError {
        return DomainConfigReader.read(text);
    }

    private static XmValue value(String text, String key) throws XmSyntaxError {
        return read(text).last(key).orElseThrow().value();
    }

    private static String string(String text) throws XmSyntaxError {
        return ((XmValue.Text) value("k = " + text + "\n", "k")).text();
    }

    @Test
    void virtInstallsConfigReadsAsWritten() throws Exception {
        DomainConfig config = read("""
                name = "rhel3_web"
                uuid = "8a4f7b0e-2c1d-4b6e-9f3a-0d5c6e7f8a9b"
                maxmem = 512
                memory = 512
                vcpus = 1
                builder = "hvm"
                kernel = "/usr/lib/xen/boot/hvmloader"
                boot = "c"
                disk = [ "phy:/dev/VolGroup00/web,hda,w", ",hdc:cdrom,r" ]
                vif = [ "mac=00:16:3e:11:22:33,bridge=xenbr0,script=vif-bridge,type=ioemu" ]
                """);
        assertEquals(List.of("name", "uuid", "maxmem", "memory", "vcpus", "builder", "kernel", "boot", "disk", "vif"),
                config.assignments().stream().map(DomainConfig.Assignment::key).toList());
        assertEquals(new XmValue.Text("rhel3_web", 1), config.last("name").orElseThrow().value());
        assertEquals(new XmValue.Number(BigInteger.valueOf(512), 4), config.last("memory").orElseThrow().value());
        XmValue.Items disks = (XmValue.Items) config.last("disk").orElseThrow().value();
        assertEquals(List.of(new XmValue.Text("phy:/dev/VolGroup00/web,hda,w", 9), new XmValue.Text(",hdc:cdrom,r", 9)),
                disks.items());
        assertEquals(9, config.last("disk").orElseThrow().line());
        assertEquals(List.of(), config.statements());
    }

    @Test
    void listsSpanLinesWithCommentsAndATrailingComma() throws Exception {
        DomainConfig config = read("""
                # the data disks
                disk = [
                    'file:/srv/a.img,hda,w',   # boot
                    # hdb was removed
                    "phy:/dev/vg/b,hdb,w",
                ]
                vif = [ ]
                """);
        XmValue.Items disks = (XmValue.Items) config.last("disk").orElseThrow().value();
        assertEquals(List.of(new XmValue.Text("file:/srv/a.img,hda,w", 3), new XmValue.Text("phy:/dev/vg/b,hdb,w", 5)),
                disks.items());
        assertEquals(2, config.last("disk").orElseThrow().line());
        assertEquals(new XmValue.Items(List.of(), 7), config.last("vif").orElseThrow().value());
    }

    @Test
    void backslashContinuesALine() throws Exception {
        DomainConfig config = read("memory = \\\n  256\nname = 'a' \\\n 'b'\n");
        assertEquals(new XmValue.Number(BigInteger.valueOf(256), 2), config.last("memory").orElseThrow().value());
        assertEquals("ab", ((XmValue.Text) config.last("name").orElseThrow().value()).text());
        assertEquals(3, config.last("name").orElseThrow().line());
    }

    @Test
    void stringsInEitherQuoteWithPythonsEscapes() throws Exception {
        assertEquals("it's", string("'it\\'s'"));
        assertEquals("say \"hi\"", string("\"say \\\"hi\\\"\""));
        assertEquals("a\tb\nc\\d", string("'a\\tb\\nc\\\\d'"));
        assertEquals("\u0007\b\f\r\u000b", string("'\\a\\b\\f\\r\\v'"));
        assertEquals("AB\u00ff", string("'\\x41\\102\\377'"));
        assertEquals("\\q and \\u0041", string("'\\q and \\u0041'"));
        assertEquals("A", string("u'\\u0041'"));
        assertEquals("joined", string("'jo' \"in\" 'ed'"));
        assertEquals("ab", string("'a\\\nb'"));
    }

    @Test
    void rawAndTripleQuotedStrings() throws Exception {
        assertEquals("C:\\new\\'x", string("r'C:\\new\\'x'"));
        assertEquals("two\nlines 'and' \"quotes\"", string("'''two\nlines 'and' \"quotes\"'''"));
        assertEquals("x\"\"y", string("\"\"\"x\"\"y\"\"\""));
        DomainConfig config = read("a = '''\n\n'''\nb = 1\n");
        assertEquals(4, config.last("b").orElseThrow().line());
    }

    @Test
    void integersAsPython2ReadsThem() throws Exception {
        assertEquals(BigInteger.valueOf(8), ((XmValue.Number) value("k = 010\n", "k")).number());
        assertEquals(BigInteger.valueOf(31), ((XmValue.Number) value("k = 0x1FL\n", "k")).number());
        assertEquals(BigInteger.valueOf(-3600), ((XmValue.Number) value("k = -3600\n", "k")).number());
        assertEquals(BigInteger.ZERO, ((XmValue.Number) value("k = 0\n", "k")).number());
        assertEquals(new BigInteger("123456789012345678901234567890"),
                ((XmValue.Number) value("k = 123456789012345678901234567890\n", "k")).number());
        assertThrows(XmSyntaxError.class, () -> read("k = 089\n"));
    }

    @Test
    void tuplesAndParenthesesAreLiterals() throws Exception {
        assertEquals(List.of(new XmValue.Text("a", 1)), ((XmValue.Items) value("k = ('a',)\n", "k")).items());
        assertEquals(new XmValue.Text("a", 1), value("k = ('a')\n", "k"));
        assertEquals(new XmValue.Items(List.of(), 1), value("k = ()\n", "k"));
        assertEquals(new XmValue.Constant("True", 1), value("k = True\n", "k"));
    }

    @Test
    void anythingElseIsKeptAsCodeWithItsKey() throws Exception {
        assertEquals(new XmValue.Code("256 * 2", 1), value("memory = 256 * 2\n", "memory"));
        assertEquals(new XmValue.Code("\"web\" + suffix", 1), value("name = \"web\" + suffix\n", "name"));
        assertEquals(new XmValue.Code("[ 'file:%s,hda,w' % image ]", 2),
                value("image = '/x'\ndisk = [ 'file:%s,hda,w' % image ]\n", "disk"));
        assertEquals(new XmValue.Code("os.uname() [4]", 1), value("arch = os.uname() [4]\n", "arch"));
        assertEquals(new XmValue.Code("1.5", 1), value("k = 1.5\n", "k"));
        assertEquals(new XmValue.Code("disk += [ 'phy:/dev/x,hdb,w' ]", 1),
                value("disk += [ 'phy:/dev/x,hdb,w' ]\n", "disk"));
        assertEquals(new XmValue.Code("{ 'a' : 1 }", 1), value("k = { 'a' : 1 }\n", "k"));
    }

    @Test
    void statementsAreListedNotRun() throws Exception {
        DomainConfig config = read("""
                import os, re
                \"\"\"A docstring.\"\"\"
                if os.path.exists('/x'):
                    disk = [ 'phy:/dev/x,hda,w' ]
                else:
                    disk = []
                print "hello"; name = 'n'
                os.system('rm -rf /')
                """);
        assertEquals(List.of(
                new DomainConfig.Statement(DomainConfig.Statement.Kind.IMPORT, "import", "import os, re", 1),
                new DomainConfig.Statement(DomainConfig.Statement.Kind.NO_EFFECT, "\"\"\"A docstring.\"\"\"",
                        "\"\"\"A docstring.\"\"\"", 2),
                new DomainConfig.Statement(DomainConfig.Statement.Kind.CODE, "if", "if os.path.exists('/x'):", 3),
                new DomainConfig.Statement(DomainConfig.Statement.Kind.CODE, "else", "else:", 5),
                new DomainConfig.Statement(DomainConfig.Statement.Kind.CODE, "print", "print \"hello\"", 7),
                new DomainConfig.Statement(DomainConfig.Statement.Kind.CODE, "os", "os.system('rm -rf /')", 8)),
                config.statements());
        assertEquals(List.of("name"), config.assignments().stream().map(DomainConfig.Assignment::key).toList());
    }

    @Test
    void chainedAssignmentSetsEveryName() throws Exception {
        DomainConfig config = read("memory = maxmem = 1024\n");
        assertEquals(config.last("memory").orElseThrow().value(), config.last("maxmem").orElseThrow().value());
    }

    @Test
    void laterAssignmentsCountAsWhenXmRunsTheFile() throws Exception {
        DomainConfig config = read("memory = 256\nmemory = 1024\n");
        assertEquals(2, config.assignments().size());
        assertEquals(BigInteger.valueOf(1024), ((XmValue.Number) config.last("memory").orElseThrow().value()).number());
    }

    @Test
    void carriageReturnLineEndsAreRead() throws Exception {
        assertEquals(new XmValue.Text("a", 2), value("# dos\r\nname = 'a'\r\n\r\n", "name"));
    }

    @Test
    void whatPythonCannotParseIsASyntaxErrorWithItsLine() {
        assertSyntaxError("name = 'rhel3\n", 1);
        assertSyntaxError("disk = [ 'a',\n 'b'\n", 1);
        assertSyntaxError("a = 1\n  b = 2\n", 2);
        assertSyntaxError("a = 1 ]\n", 1);
        assertSyntaxError("if x:\nb = 2\n", 2);
        assertSyntaxError("a = $x\n", 1);
        assertSyntaxError("a = 'x' \\ 1\n", 1);
        assertSyntaxError("a = '\\x4'\n", 1);
        assertSyntaxError("\n\nname =\n", 3);
        assertSyntaxError("a = '''never\nclosed\n", 1);
    }

    private static void assertSyntaxError(String text, int line) {
        XmSyntaxError error = assertThrows(XmSyntaxError.class, () -> read(text), text);
        assertEquals(line, error.line(), error.getMessage());
    }

    @Test
    void anUnindentedLineAfterABlockEndsIt() throws Exception {
        DomainConfig config = read("for i in range(3):\n    pass\nname = 'x'\n");
        assertInstanceOf(XmValue.Text.class, config.last("name").orElseThrow().value());
    }
}
