package io.github.xenpv.model;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's own files that the bundle's blocks merge into (fstab, modules.conf, rc.local,
 * rc.modules): RHEL 3's stock fstab, the marker lines around the plugin's block, the mark of a
 * line a PV entry replaces, and the checks of the declared base lines kept above the block.
 */
public final class BaseFiles {

    /** RHEL 3's stock fstab on the emulated IDE disk, the default of {@code <fstabBase>}. */
    public static final List<String> STOCK_FSTAB = List.of(
            "LABEL=/ / ext3 defaults 1 1",
            "LABEL=/boot /boot ext3 defaults 1 2",
            "none /dev/pts devpts gid=5,mode=620 0 0",
            "none /proc proc defaults 0 0",
            "none /dev/shm tmpfs defaults 0 0",
            "/dev/hda3 swap swap defaults 0 0");

    /** Marks a base line the plugin turned into a comment because a PV entry replaces it. */
    public static final String REPLACED_MARK = "#xenpv-replaced# ";

    private static final Pattern CONFIG_LINE = Pattern.compile("[\\t\\x20-\\x7e]{0,1024}");
    private static final Pattern FSTAB_FIELD = Pattern.compile("[A-Za-z0-9_=./:,@+-]+");
    private static final Pattern FSTAB_SEPARATOR = Pattern.compile("[ \\t]+");
    private static final Pattern FSTAB_NUMBER = Pattern.compile("[0-9]");
    private static final Pattern MODULES_ALIAS = Pattern.compile("\\s*alias\\s+(\\S+)(\\s.*)?");
    /** The lines of {@link #blockBegin} and {@link #blockEnd}, of any guest. */
    private static final Pattern BLOCK_MARKER = Pattern.compile("#\\s*(BEGIN|END)\\s+xenpv-maven-plugin\\b.*");

    private BaseFiles() {
    }

    /**
     * The line that opens the plugin's block in a guest file. The install script merges and
     * removes exactly what lies between it and {@link #blockEnd}.
     *
     * @param guestName the guest's name, which the line ends with
     * @return the marker line
     */
    public static String blockBegin(String guestName) {
        return "# BEGIN xenpv-maven-plugin block, guest " + guestName;
    }

    /**
     * The line that closes the plugin's block in a guest file, see {@link #blockBegin}.
     *
     * @param guestName the guest's name, which the line ends with
     * @return the marker line
     */
    public static String blockEnd(String guestName) {
        return "# END xenpv-maven-plugin block, guest " + guestName;
    }

    /**
     * Whether a line of a guest file opens the plugin's block, of any guest (what an earlier install left).
     *
     * @param line a line of a guest file
     * @return whether it is a {@link #blockBegin} line
     */
    public static boolean opensBlock(String line) {
        Matcher marker = BLOCK_MARKER.matcher(line.strip());
        return marker.matches() && marker.group(1).equals("BEGIN");
    }

    /**
     * Whether a line of a guest file closes the plugin's block, of any guest.
     *
     * @param line a line of a guest file
     * @return whether it is a {@link #blockEnd} line
     */
    public static boolean closesBlock(String line) {
        Matcher marker = BLOCK_MARKER.matcher(line.strip());
        return marker.matches() && marker.group(1).equals("END");
    }

    /**
     * The declared base fstab lines, checked, with any line naming one of {@code claims} (the PV
     * entries' devices and mount points) as its device or mount point commented out.
     */
    static List<String> fstabBase(String listPath, List<String> declared, Collection<String> claims, Problems problems) {
        return Problems.each(listPath, "line", declared, (path, index, value) -> {
            String line = value == null ? "" : value.strip();
            if (!baseLine(path, line, problems)) {
                return null;
            }
            String[] fields = FSTAB_SEPARATOR.split(line);
            if (line.isEmpty() || line.startsWith("#")) {
                return line;
            } else if (fields.length < 4 || fields.length > 6) {
                problems.error(path, "'" + line + "' is not an fstab entry: expected 4 to 6 fields, "
                        + "device mount-point type options [dump [pass]]");
            } else if (!List.of(fields).stream().allMatch(field -> FSTAB_FIELD.matcher(field).matches())) {
                problems.error(path, "'" + line + "' has a field with characters fstab does not take here: use letters, "
                        + "digits and _ = . / : , @ + -");
            } else if (!List.of(fields).subList(4, fields.length).stream().allMatch(field -> FSTAB_NUMBER.matcher(field).matches())) {
                problems.error(path, "'" + line + "' has a dump or pass field that is not a digit");
            } else {
                return claims.contains(fields[0]) || claims.contains(fields[1]) ? REPLACED_MARK + line : line;
            }
            return null;
        });
    }

    /** The declared base modules.conf lines, checked, with an {@code alias} for one of {@code pvInterfaces} commented out. */
    static List<String> modulesConfBase(String listPath, List<String> declared, Collection<String> pvInterfaces,
            Problems problems) {
        return Problems.each(listPath, "line", declared, (path, index, value) -> {
            String line = value == null ? "" : value.strip();
            if (!baseLine(path, line, problems)) {
                return null;
            }
            if (line.endsWith("\\")) {
                problems.error(path, "'" + line + "' ends with a backslash, which would join the next line to it");
                return null;
            }
            Matcher alias = MODULES_ALIAS.matcher(line);
            return alias.matches() && pvInterfaces.contains(alias.group(1)) ? REPLACED_MARK + line : line;
        });
    }

    private static boolean baseLine(String path, String line, Problems problems) {
        if (!CONFIG_LINE.matcher(line).matches()) {
            problems.error(path, "is not one line of printable ASCII (at most 1024 characters)");
            return false;
        }
        if (BLOCK_MARKER.matcher(line).matches()) {
            problems.error(path, "'" + line + "' looks like the plugin's own BEGIN/END line: install-guest.sh would take "
                    + "it for the edge of the plugin's block; leave it out");
            return false;
        }
        return true;
    }
}
