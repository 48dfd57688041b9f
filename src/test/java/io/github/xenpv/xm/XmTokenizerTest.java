package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.xm.XmTokenizer.Kind;
import io.github.xenpv.xm.XmTokenizer.LogicalLine;
import io.github.xenpv.xm.XmTokenizer.Token;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer on its own (issue 21, point 10: DomainConfigReader held a tokenizer and a parser in
 * one 582-line class): tokens with their kind, decoded value, line and place in the text, and
 * logical lines as Python 2's tokenizer makes them, with nothing of statements. What the parser
 * makes of the lines is DomainConfigReaderTest's; what Python makes of random configs,
 * DomainConfigReaderPythonTest's.
 */
class XmTokenizerTest {

    private static List<String> texts(LogicalLine line) {
        return line.tokens().stream().map(Token::text).toList();
    }

    @Test
    void eachTokenHasItsKindValueLineAndPlace() throws Exception {
        String text = "memory = 0x200L  # MiB\nname = u'web' \"01\"\n";
        List<LogicalLine> lines = XmTokenizer.logicalLines(text);
        assertEquals(2, lines.size());
        List<Token> first = lines.get(0).tokens();
        assertEquals(List.of(Kind.NAME, Kind.OP, Kind.NUMBER), first.stream().map(Token::kind).toList(),
                "the comment is no token");
        assertEquals(BigInteger.valueOf(512), first.get(2).value());
        assertEquals("0x200L", text.substring(first.get(2).start(), first.get(2).end()));
        assertTrue(first.get(1).is("="));
        assertFalse(first.get(0).is("memory"), "a name is no operator");
        List<Token> second = lines.get(1).tokens();
        assertEquals(List.of("name", "=", "u'web'", "\"01\""), texts(lines.get(1)));
        assertEquals("web", second.get(2).value());
        assertEquals(Kind.STRING, second.get(3).kind());
        assertEquals(2, second.get(3).line());
        assertEquals(null, XmTokenizer.logicalLines("x = 1.5\n").get(0).tokens().get(2).value(), "a float has no integer");
    }

    @Test
    void bracketsAndBackslashesContinueALineBlankLinesAndCommentsMakeNone() throws Exception {
        List<LogicalLine> lines = XmTokenizer.logicalLines("""
                # a comment line

                disk = [ 'phy:/dev/vg/a,hda,w',
                    # inside the brackets
                         'phy:/dev/vg/b,hdb,w' ]
                vcpus = \\
                    2
                  pae = 1
                """);
        assertEquals(3, lines.size(), lines::toString);
        assertEquals(List.of("disk", "=", "[", "'phy:/dev/vg/a,hda,w'", ",", "'phy:/dev/vg/b,hdb,w'", "]"), texts(lines.get(0)));
        assertEquals(3, lines.get(0).first().line());
        assertEquals(5, lines.get(0).last().line());
        assertEquals(List.of("vcpus", "=", "2"), texts(lines.get(1)));
        assertEquals(7, lines.get(1).last().line());
        assertFalse(lines.get(1).indented(), "a continued line's indent is no indent");
        assertTrue(lines.get(2).indented());
    }

    @Test
    void stringsAreDecodedAsPython2DecodesThem() throws Exception {
        List<Token> tokens = XmTokenizer.logicalLines("a = '\\x41\\101\\n', r'\\n', '''two\nlines''', b'\\u00e9'\n")
                .get(0).tokens();
        assertEquals("AA\n", tokens.get(2).value());
        assertEquals("\\n", tokens.get(4).value());
        assertEquals("two\nlines", tokens.get(6).value());
        assertEquals("\\u00e9", tokens.get(8).value(), "\\u is an escape in u-strings only");
    }

    @Test
    void whatPythonCannotTokenizeIsASyntaxErrorAtItsLine() {
        assertEquals(2, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("a = 1\nb = [1,\n")).line());
        assertEquals(1, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("a = 1)\n")).line());
        assertEquals(3, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("\n\nname = 'web\n")).line());
        assertEquals(1, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("a = 09\n")).line());
        assertEquals(1, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("a = 1 \\ 2\n")).line());
        assertEquals(1, assertThrows(XmSyntaxError.class, () -> XmTokenizer.logicalLines("a = $\n")).line());
    }
}
