package io.github.xenpv.render;

import java.io.Writer;
import java.util.Arrays;

/**
 * Where a template writes: its text goes straight into UTF-8 bytes, which is what a bundle file
 * is. A {@code StringWriter} held the text as a string buffer that then became a string and then
 * bytes: three arrays the size of each file (a fleet's worth in a cold build, every one of them
 * fresh memory the JVM had to fault in), and a lock on every write. One buffer per guest, reused
 * for each of its files, leaves one array per file: its bytes.
 *
 * <p>The bytes are exactly {@code String.getBytes(UTF_8)} of the text written, across any split of
 * it into writes: a surrogate pair is one four-byte character even when its halves come in two
 * writes, and a lone surrogate is {@code ?}, as the JDK's encoder replaces it.
 */
final class Utf8Output extends Writer {

    private static final byte REPLACEMENT = '?';
    /** The longest array the JVM gives. */
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] bytes;
    /** A string's chars on their way to bytes. */
    private final char[] piece = new char[1024];
    private int size;
    /** The high surrogate of the last write, waiting for its low half; 0 when none waits. */
    private char high;

    /** @param capacity the bytes it holds before it grows */
    Utf8Output(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    /** Forgets what was written, keeping the buffer. */
    void reset() {
        size = 0;
        high = 0;
    }

    /** {@return the bytes written since the last reset, a lone high surrogate at the end as {@code ?}} */
    byte[] toByteArray() {
        if (high != 0) {
            // a write that leaves a high surrogate waiting made room for 4 bytes and used none of it
            bytes[size++] = REPLACEMENT;
            high = 0;
        }
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void write(int c) {
        room(4);
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        // one byte per char, the rest made room for when a char is not ASCII
        room(length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            char c = chars[i++];
            if (c < 0x80 && high == 0) {
                bytes[size++] = (byte) c;
            } else {
                room(end - i + 4L);
                put(c);
            }
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        // copied out in pieces and encoded as any chars are: no array the size of the text
        for (int done = 0; done < length; ) {
            int count = Math.min(piece.length, length - done);
            text.getChars(offset + done, offset + done + count, piece, 0);
            write(piece, 0, count);
            done += count;
        }
    }

    @Override
    public void flush() {
        // nothing buffered elsewhere
    }

    @Override
    public void close() {
        // the bytes stay readable
    }

    /** Encodes one char; there is room for 4 bytes. */
    private void put(char c) {
        if (high != 0) {
            if (Character.isLowSurrogate(c)) {
                int code = Character.toCodePoint(high, c);
                high = 0;
                bytes[size++] = (byte) (0xF0 | code >> 18);
                bytes[size++] = (byte) (0x80 | code >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | code >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | code & 0x3F);
                return;
            }
            bytes[size++] = REPLACEMENT;
            high = 0;
        }
        if (c < 0x80) {
            bytes[size++] = (byte) c;
        } else if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | c >> 6);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            bytes[size++] = REPLACEMENT;
        } else {
            bytes[size++] = (byte) (0xE0 | c >> 12);
            bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
            bytes[size++] = (byte) (0x80 | c & 0x3F);
        }
    }

    /** Makes room for {@code more} bytes. */
    private void room(long more) {
        if (bytes.length - size < more) {
            long needed = size + more;
            if (needed > MAX_SIZE) {
                throw new OutOfMemoryError("a template's output is over 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_SIZE, Math.max(2L * bytes.length, needed)));
        }
    }
}
