package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.GuestFile;
import io.github.xenpv.model.BaseFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest file as an earlier install by this plugin left it: the plugin's block (between
 * {@link BaseFiles#blockBegin} and {@link BaseFiles#blockEnd} lines, of any guest name) and the
 * guest's own lines around it, with the lines the install commented out
 * ({@link BaseFiles#REPLACED_MARK}) restored, since the plugin comments them out again. A file
 * the plugin never touched is all outside.
 */
record PluginBlock(List<Line> inside, List<Line> outside, boolean present) {

    private static final String MARK = BaseFiles.REPLACED_MARK.strip();

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
            if (BaseFiles.opensBlock(text)) {
                inBlock = true;
                present = true;
            } else if (BaseFiles.closesBlock(text)) {
                inBlock = false;
            } else if (inBlock) {
                inside.add(new Line(i + 1, text));
            } else {
                outside.add(new Line(i + 1, stripped.startsWith(MARK) ? stripped.substring(MARK.length()).strip() : text));
            }
        }
        return new PluginBlock(inside, outside, present);
    }
}
