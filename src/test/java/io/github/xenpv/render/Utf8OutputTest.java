package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Templates write their text in pieces of any size; the bytes must be the text's UTF-8, whatever the pieces. */
class Utf8OutputTest {

    /** Chars of every UTF-8 length, both surrogate halves and the edges between the ranges. */
    private static final char[] ALPHABET = {'a', '\n', 0, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x3042, 0xD7FF, 0xD800, 0xDBFF,
        0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF};

    @Test
    void anyTextInAnyPiecesGivesTheBytesOfItsUtf8() {
        Random random = new Random(22);
        Utf8Output out = new Utf8Output(1);
        for (int round = 0; round < 5_000; round++) {
            String text = text(random, random.nextInt(round % 50 == 0 ? 3_000 : 40));
            out.reset();
            int at = 0;
            while (at < text.length()) {
                // mostly small pieces, now and then the whole rest: a string longer than the buffer it is copied through
                int piece = Math.min(text.length() - at, random.nextInt(20) == 0 ? text.length() : random.nextInt(6));
                switch (random.nextInt(3)) {
                    case 0 -> out.write(text, at, piece);
                    case 1 -> {
                        char[] padded = ("##" + text.substring(at, at + piece) + "#").toCharArray();
                        out.write(padded, 2, piece);
                    }
                    default -> {
                        piece = 1;
                        out.write(text.charAt(at));
                    }
                }
                at += piece;
            }
            String shown = text;
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), out.toByteArray(), () -> shown.chars()
                    .mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void aResetForgetsAHighSurrogateLeftWaiting() throws Exception {
        Utf8Output out = new Utf8Output(4);
        out.write("x\uD800");
        out.reset();
        out.write("\uDC00");
        assertArrayEquals("\uDC00".getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1) : ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }
}
