package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.model.GuestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A guest file as an earlier install by this plugin left it: the plugin's block (between the
 * lines of {@code ValidGuest.blockBegin()} and {@code blockEnd()}, of any guest name) and the
 * guest's own lines around it, with the lines the install commented out
 * ({@link GuestValidator#REPLACED_MARK}) restored, since the plugin comments them out again.
 * A file the plugin never touched is all outside.
 */
record PluginBlock(List<Line> inside, List<Line> outside, boolean present) {

    static final Pattern BEGIN = Pattern.compile("#\\s*BEGIN\\s+xenpv-maven-plugin\\b.*");
    static final Pattern END = Pattern.compile("#\\s*END\\s+xenpv-maven-plugin\\b.*");

    /** A line of the file and its number, counting from 1. */
    record Line(int number, String text) {
    }

    static PluginBlock split(GuestFile file) {
        List<Line> inside = new ArrayList<>();
        List<Line> outside = new ArrayList<>();
        boolean inBlock = false;
        boolean present = false;
        for (int i = 0; i < file.lines().size(); i++) {
            String text = file.lines().get(i);
            String stripped = text.strip();
            if (BEGIN.matcher(stripped).matches()) {
                inBlock = true;
                present = true;
            } else if (END.matcher(stripped).matches()) {
                inBlock = false;
            } else if (inBlock) {
                inside.add(new Line(i + 1, text));
            } else {
                outside.add(new Line(i + 1, stripped.startsWith(GuestValidator.REPLACED_MARK.strip())
                        ? stripped.substring(GuestValidator.REPLACED_MARK.strip().length()).strip()
                        : text));
            }
        }
        return new PluginBlock(inside, outside, present);
    }

    /** The guest's own lines, as base lines of the declaration. */
    List<String> baseLines() {
        return outside.stream().map(line -> line.text().strip()).toList();
    }
}
