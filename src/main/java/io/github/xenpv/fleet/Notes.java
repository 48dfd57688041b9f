package io.github.xenpv.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the import of one config has to say: report lines, elements left to fill in, and whether it failed. */
final class Notes {

    private final List<ReportLine> lines = new ArrayList<>();
    private final Map<String, String> fillIns = new LinkedHashMap<>();
    private final Set<String> explained = new LinkedHashSet<>();
    private boolean failed;

    void kept(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.KEPT, detail));
    }

    void changed(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.CHANGED, detail));
    }

    void dropped(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.DROPPED, detail));
    }

    void skipped(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.SKIPPED, detail));
    }

    void check(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.CHECK, detail));
    }

    void failed(String where, String key, String detail) {
        lines.add(new ReportLine(where, key, ReportLine.Kind.FAILED, detail));
        failed = true;
    }

    /**
     * An element left empty for a person to fill in: reported, noted in pom.xml beside it, and
     * its validation error left out of the report, which already says why.
     */
    void fillIn(String where, String key, String element, String detail) {
        check(where, key, detail);
        fillIns.put(element, detail);
        explained.add(element);
    }

    /** An element whose validation error a report line already explains. */
    void explained(String element) {
        explained.add(element);
    }

    /**
     * Replaces what an earlier line said a key became (kept or changed) with {@code line}, in its
     * place: the value turned out not to fit where it was put.
     */
    void replace(String where, String key, ReportLine line) {
        for (int i = 0; i < lines.size(); i++) {
            ReportLine earlier = lines.get(i);
            if (earlier.where().equals(where) && earlier.key().equals(key)
                    && (earlier.kind() == ReportLine.Kind.KEPT || earlier.kind() == ReportLine.Kind.CHANGED)) {
                lines.set(i, line);
                return;
            }
        }
        lines.add(line);
    }

    /** How many lines there are so far: the start of a stretch that {@link #orderFrom} may reorder. */
    int mark() {
        return lines.size();
    }

    /** Puts the lines from {@code mark} on in this order, lines of equal rank keeping theirs. */
    void orderFrom(int mark, java.util.Comparator<ReportLine> order) {
        lines.subList(mark, lines.size()).sort(order);
    }

    boolean failed() {
        return failed;
    }

    List<ReportLine> lines() {
        return lines;
    }

    Map<String, String> fillIns() {
        return fillIns;
    }

    Set<String> explainedElements() {
        return explained;
    }
}
