package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    /** The bare words, as the grammar says them; the quoting checks them char by char. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    @Test
    void aWordStaysBareExactlyWhenEveryCharIsPlain() {
        assertEquals("''", ShellQuote.quote(""));
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            for (String word : new String[] {String.valueOf(c), "a" + c, c + "9", "x" + c + "y"}) {
                boolean bare = ShellQuote.quote(word).equals(word);
                assertEquals(PLAIN.matcher(word).matches(), bare, () -> "U+" + Integer.toHexString(word.charAt(word.length() / 2)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xvdb1", "/mnt/pvdisk_p1", "0.1-5.el", "kmod-xenpv,x=y:z@h%"})
    void plainWordsStayBare(String word) {
        assertEquals(word, ShellQuote.quote(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "it's", "$(touch /tmp/x)", "`id`", "a;b", "a\nb", "*", "~root", "\"q\"", "'", "a\\b"})
    void anythingElseMeansExactlyItselfToTheShell(String value) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "printf %s " + ShellQuote.quote(value)).start();
        String echoed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor());
        assertEquals(value, echoed);
    }
}
