package io.github.xenpv.guestroot;

import java.util.List;
import java.util.Optional;

/**
 * One mount entry of a guest's {@code /etc/fstab}: fields separated by blanks, as fstab(5) and
 * RHEL 3's mount read them. Absent trailing fields are {@code null}: mount takes the options as
 * {@code defaults} and dump and pass as 0.
 *
 * @param line       the line's number, counting from 1
 * @param text       the line, stripped
 * @param device     the first field, such as {@code /dev/hdb1} or {@code LABEL=/data}
 * @param mountPoint the second field, a path or {@code swap}
 * @param type       the file system type, or {@code null}
 * @param options    the mount options, or {@code null}
 * @param dump       the dump flag, or {@code null}
 * @param pass       the fsck pass, or {@code null}
 */
public record FstabEntry(int line, String text, String device, String mountPoint, String type, String options,
        String dump, String pass) {

    /**
     * The entry on a line of fstab.
     *
     * @param line the line's number, counting from 1
     * @param text the line
     * @return its entry, or empty for a blank line, a comment, or a line of one field
     */
    public static Optional<FstabEntry> parse(int line, String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return Optional.empty();
        }
        List<String> fields = List.of(stripped.split("[ \\t]+"));
        if (fields.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new FstabEntry(line, stripped, fields.get(0), fields.get(1), field(fields, 2),
                field(fields, 3), field(fields, 4), field(fields, 5)));
    }

    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : null;
    }
}
