package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader at the edges the random configs of DomainConfigReaderPythonTest rarely reach: the
 * end of the file without a line end, a line continued with CR LF, escapes at their limits, the
 * line count after an escaped line end, half-literals. Each case is what Python 2 makes of it;
 * the mutants of the tokenizer that PIT left alive (README, "Mutation testing") fail here.
 */
class DomainConfigReaderEdgesTest {

    private static XmValue value(String text, String key) throws XmSyntaxError {
        return DomainConfigReader.read(text).last(key).orElseThrow().value();
    }

    private static String string(String literal) throws XmSyntaxError {
        return ((XmValue.Text) value("k = " + literal + "\n", "k")).text();
    }

    private static XmSyntaxError syntaxError(String text, int line) {
        XmSyntaxError error = assertThrows(XmSyntaxError.class, () -> DomainConfigReader.read(text), text);
        assertEquals(line, error.line(), error.getMessage());
        return error;
    }

    @Test
    void theLastLineNeedsNoLineEnd() throws Exception {
        // a number, a name, a string, a comment, blanks: each where the text ends
        assertEquals(new XmValue.Number(BigInteger.ONE, 1), value("k = 1", "k"));
        assertEquals(new XmValue.Constant("True", 1), value("k = True", "k"));
        assertEquals(new XmValue.Text("a", 1), value("k = 'a'", "k"));
        assertEquals(new XmValue.Number(BigInteger.TWO, 1), value("k = 2 # two", "k"));
        assertEquals(new XmValue.Number(BigInteger.TWO, 1), value("k = 2\n# the end", "k"));
        assertEquals(new XmValue.Number(BigInteger.TWO, 1), value("k = 2\n   \t", "k"));
    }

    @Test
    void aDotStartsANumberOnlyBeforeADigit() throws Exception {
        assertEquals(new XmValue.Code(".5", 1), value("k = .5\n", "k"));
        assertEquals(new XmValue.Code("os.sep", 1), value("k = os.sep\n", "k"));
        assertEquals(new XmValue.Number(BigInteger.ONE, 1), value("k2 = 1\n", "k2"));
        assertEquals(new XmValue.Code("a.", 1), value("k = a.", "k"));
        assertEquals("'.5x' is not a number", syntaxError("k = .5x\n", 1).getMessage());
    }

    @Test
    void theFileCannotEndInsideAContinuationOrAnEscape() {
        assertEquals("unexpected character after line continuation character", syntaxError("k = 1 \\", 1).getMessage());
        assertEquals("the string is never closed", syntaxError("k = 'a\\", 1).getMessage());
        assertEquals("invalid \\x escape: it takes 2 hex digits", syntaxError("k = 'a\\x4", 1).getMessage());
        // two hex digits there, but the string is still open
        assertEquals("the string is never closed", syntaxError("k = 'a\\x41", 1).getMessage());
        assertEquals("the string is never closed", syntaxError("k = 'a\\12", 1).getMessage(), "an octal escape at the end");
    }

    @Test
    void aLineContinuedWithCarriageReturnAndLineFeedGoesOn() throws Exception {
        assertEquals(new XmValue.Number(BigInteger.valueOf(256), 2), value("memory = \\\r\n  256\r\nname = 'x'\r\n", "memory"));
        assertEquals(3, DomainConfigReader.read("memory = \\\r\n  256\r\nname = 'x'\r\n").last("name").orElseThrow().line());
    }

    @Test
    void anEscapedLineEndInAStringCountsAsALine() throws Exception {
        assertEquals(3, DomainConfigReader.read("a = 'x\\\ny'\nb = 1\n").last("b").orElseThrow().line());
        assertEquals(3, DomainConfigReader.read("a = r'x\\\ny'\nb = 1\n").last("b").orElseThrow().line());
        assertEquals("x\\\ny", string("r'x\\\ny'"));
        syntaxError("a = r'x\\\ny'\nb = $\n", 3);
    }

    @Test
    void octalEscapesTakeOneToThreeDigitsAndAByteStringKeepsTheLowByte() throws Exception {
        assertEquals("\0", string("'\\0'"));
        assertEquals("S4", string("'\\1234'"));
        assertEquals("\u00ff", string("'\\777'"));
        assertEquals("\u01ff", string("u'\\777'"));
        assertEquals("\\8 \\/", string("'\\8 \\/'"));
        assertEquals("\u0007", string("'\\7'"), "7 is the last octal digit");
        assertEquals("\u0008", string("'\\10'"), "0 and 7 are octal digits after the first too");
        assertEquals("\u000f", string("'\\17'"));
    }

    @Test
    void aNameStartsWithAnyAsciiLetterOrAnUnderscore() throws Exception {
        DomainConfig config = DomainConfigReader.read("a = 1\nz = 2\nA = 3\nZ = 4\n_ = 5\n");
        assertEquals(List.of("a", "z", "A", "Z", "_"), config.assignments().stream().map(DomainConfig.Assignment::key).toList());
        assertEquals(List.of(), config.statements());
    }

    @Test
    void anAttributeOrItemTargetIsAStatementNotAnAssignment() throws Exception {
        DomainConfig config = DomainConfigReader.read("a.b = 'x'\nc[0] = 'y'\nname = 'web'\n");
        assertEquals(List.of("name"), config.assignments().stream().map(DomainConfig.Assignment::key).toList());
        assertEquals(List.of("a.b = 'x'", "c[0] = 'y'"), config.statements().stream().map(DomainConfig.Statement::text).toList());
    }

    @Test
    void theLastUnicodeCharacterIsOneAndThenNoMore() throws Exception {
        assertEquals(new String(Character.toChars(0x10ffff)), string("u'\\U0010ffff'"));
        assertEquals("invalid \\U escape: no such character", syntaxError("k = u'\\U00110000'\n", 1).getMessage());
    }

    @Test
    void aBlockHeaderWithoutItsBlockIsASyntaxErrorAtTheHeader() {
        assertEquals("expected an indented block", syntaxError("name = 'x'\nif x:\n", 2).getMessage());
    }

    @Test
    void aNameOnItsOwnIsAStatementNotAnAssignment() throws Exception {
        DomainConfig config = DomainConfigReader.read("x\nname = 'y'\n");
        assertEquals(List.of("name"), config.assignments().stream().map(DomainConfig.Assignment::key).toList());
        assertEquals(1, config.statements().size());
        assertEquals("x", config.statements().get(0).text());
    }

    @Test
    void aListOrTupleWithCodeInsideIsCode() throws Exception {
        assertEquals(new XmValue.Code("[ b ]", 1), value("k = [ b ]\n", "k"));
        assertEquals(new XmValue.Code("[ 'a' + b ]", 1), value("k = [ 'a' + b ]\n", "k"));
        assertEquals(new XmValue.Code("( 'a', b )", 1), value("k = ( 'a', b )\n", "k"));
    }

    @Test
    void everyKindOfValueDescribesItselfForMessages() throws Exception {
        assertEquals("the number 7", value("k = 7\n", "k").describe());
        assertEquals("None", value("k = None\n", "k").describe());
        assertEquals("a list", value("k = [ 'a' ]\n", "k").describe());
        assertEquals("the string 'a'", value("k = 'a'\n", "k").describe());
        assertEquals("'1 + 1' (code, not a literal)", value("k = 1 + 1\n", "k").describe());
    }
}
