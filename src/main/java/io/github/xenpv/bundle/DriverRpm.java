package io.github.xenpv.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A kmod-xenpv RPM a bundle carries next to {@code install-guest.sh}: its bytes, the name it has
 * in the bundle, and the package name, version, release and architecture its header says. The
 * header is read as rpm lays it out (the 96-byte lead, the signature header padded to 8 bytes,
 * then the main header's index and data), with every offset checked, and nothing else of the file.
 *
 * @param fileName its name in the bundle, next to {@code install-guest.sh}
 * @param content  its bytes
 * @param name     the package name, such as {@code kmod-xenpv-smp}
 * @param version  the package version, such as {@code 0.1}
 * @param release  the package release, such as {@code 5.el}
 * @param arch     the architecture it was built for, such as {@code i686}
 */
public record DriverRpm(String fileName, byte[] content, String name, String version, String release, String arch) {

    /**
     * The largest RPM a bundle carries, and so the largest file of any bundle (the rendered ones are
     * a few KiB): a kmod-xenpv RPM is a few hundred KiB; anything this large is something else.
     */
    public static final long MAX_SIZE = 64L << 20;

    /** What a file name in the bundle may hold: the characters the guest's {@code driverRpm} takes, no glob. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,255}");

    private static final int LEAD = 96;
    private static final int RPMTAG_NAME = 1000;
    private static final int RPMTAG_VERSION = 1001;
    private static final int RPMTAG_RELEASE = 1002;
    private static final int RPMTAG_ARCH = 1022;
    private static final int STRING = 6;
    private static final int INT32 = 4;
    private static final int SIGTAG_SIZE = 1000;

    /** Why bytes are no RPM this plugin can carry. */
    public static final class NotAnRpm extends Exception {

        private static final long serialVersionUID = 1L;

        /**
         * The reason, as it follows the file's name in a message.
         *
         * @param message why, such as {@code is not an RPM: ...}
         */
        public NotAnRpm(String message) {
            super(message);
        }
    }

    /**
     * Reads an RPM's header.
     *
     * @param fileName the name it is to have in the bundle
     * @param content  the file's bytes
     * @return the RPM
     * @throws NotAnRpm when the name is not one the bundle can hold, or the bytes are no RPM
     */
    public static DriverRpm read(String fileName, byte[] content) throws NotAnRpm {
        if (!FILE_NAME.matcher(fileName).matches() || fileName.startsWith(".") || !fileName.endsWith(".rpm")) {
            throw new NotAnRpm("'" + fileName + "' cannot be the RPM's name in the bundle: letters, digits, '_', '.', "
                    + "'+' or '-', not starting with '.', ending in .rpm");
        }
        ByteBuffer bytes = ByteBuffer.wrap(content);
        if (content.length < LEAD || bytes.getInt(0) != 0xedabeedb) {
            throw new NotAnRpm("is not an RPM: it does not start with an RPM lead");
        }
        int signatureEnd = headerEnd(bytes, LEAD, "signature");
        int main = (signatureEnd + 7) / 8 * 8;
        headerEnd(bytes, main, "main");
        long size = headerAndPayloadSize(bytes);
        if (size >= 0 && main + size != content.length) {
            throw new NotAnRpm("is not a whole RPM: its signature says " + (main + size) + " bytes, the file has "
                    + content.length + " (cut short, or something appended)");
        }
        Map<Integer, String> tags = strings(bytes, main);
        for (int tag : new int[] {RPMTAG_NAME, RPMTAG_VERSION, RPMTAG_RELEASE, RPMTAG_ARCH}) {
            if (!tags.containsKey(tag)) {
                throw new NotAnRpm("is not an RPM: its header has no " + switch (tag) {
                    case RPMTAG_NAME -> "name";
                    case RPMTAG_VERSION -> "version";
                    case RPMTAG_RELEASE -> "release";
                    default -> "architecture";
                });
            }
        }
        return new DriverRpm(fileName, content, tags.get(RPMTAG_NAME), tags.get(RPMTAG_VERSION),
                tags.get(RPMTAG_RELEASE), tags.get(RPMTAG_ARCH));
    }

    /**
     * The name rpm gives the package's file, {@code <name>-<version>-<release>.<arch>.rpm}: what a
     * repository's artifact is called in the bundle.
     *
     * @return the file name
     */
    public String packageFileName() {
        return name + "-" + version + "-" + release + "." + arch + ".rpm";
    }

    /** The package as rpm names it, {@code <name>-<version>-<release>.<arch>}. */
    @Override
    public String toString() {
        return name + "-" + version + "-" + release + "." + arch;
    }

    /**
     * The size of the main header and the payload the signature header records (its size tag,
     * 1000, a 32-bit integer inside the signature's data, as rpm checks it), or -1 when it records none.
     */
    private static long headerAndPayloadSize(ByteBuffer bytes) {
        int entries = bytes.getInt(LEAD + 8);
        int data = LEAD + 16 + entries * 16;
        int dataEnd = data + bytes.getInt(LEAD + 12);
        for (int i = 0; i < entries; i++) {
            int entry = LEAD + 16 + i * 16;
            int offset = data + bytes.getInt(entry + 8);
            if (bytes.getInt(entry) == SIGTAG_SIZE && bytes.getInt(entry + 4) == INT32 && offset >= data
                    && offset + 4 <= dataEnd) {
                return Integer.toUnsignedLong(bytes.getInt(offset));
            }
        }
        return -1;
    }

    /** Where the header structure at {@code start} ends; checks its magic and that it fits. */
    private static int headerEnd(ByteBuffer bytes, int start, String which) throws NotAnRpm {
        if (start + 16 > bytes.limit() || (bytes.getInt(start) >>> 8) != 0x8eade8) {
            throw new NotAnRpm("is not an RPM: its " + which + " header is missing or damaged");
        }
        long entries = Integer.toUnsignedLong(bytes.getInt(start + 8));
        long data = Integer.toUnsignedLong(bytes.getInt(start + 12));
        long end = start + 16 + entries * 16 + data;
        if (end > bytes.limit()) {
            throw new NotAnRpm("is not an RPM: its " + which + " header runs past the end of the file");
        }
        return (int) end;
    }

    /** The string tags of the main header at {@code start}, by tag; a string must end inside the data. */
    private static Map<Integer, String> strings(ByteBuffer bytes, int start) throws NotAnRpm {
        int entries = bytes.getInt(start + 8);
        int data = start + 16 + entries * 16;
        int dataEnd = data + bytes.getInt(start + 12);
        Map<Integer, String> tags = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int entry = start + 16 + i * 16;
            int tag = bytes.getInt(entry);
            if (bytes.getInt(entry + 4) != STRING || tags.containsKey(tag)) {
                continue;
            }
            int offset = data + bytes.getInt(entry + 8);
            if (offset < data || offset >= dataEnd) {
                throw new NotAnRpm("is not an RPM: a string of its header lies outside it");
            }
            int end = offset;
            while (end < dataEnd && bytes.get(end) != 0) {
                end++;
            }
            if (end == dataEnd) {
                throw new NotAnRpm("is not an RPM: a string of its header does not end");
            }
            tags.put(tag, new String(bytes.array(), offset, end - offset, StandardCharsets.UTF_8));
        }
        return tags;
    }

    /**
     * Whether the name matches a guest's {@code driverRpm}, a file name in which {@code *} stands
     * for any run of characters, as the shell matches it next to {@code install-guest.sh}.
     *
     * @param glob the guest's {@code driverRpm}
     * @return whether this RPM's file name matches it
     */
    public boolean matches(String glob) {
        return Pattern.matches(String.join(".*", Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).toList()),
                fileName);
    }

    /** Records with an array compare by identity; two RPMs are the same when their names and bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DriverRpm rpm && fileName.equals(rpm.fileName) && Arrays.equals(content, rpm.content);
    }

    @Override
    public int hashCode() {
        return fileName.hashCode();
    }
}
