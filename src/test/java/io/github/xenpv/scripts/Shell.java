package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers;
import java.util.List;

/** The shells the generated scripts must run under: Debian's dash, busybox sh, and bash as POSIX sh (RHEL 3's /bin/sh). */
enum Shell {
    DASH(List.of("dash"), Checkers.Tool.DASH),
    BUSYBOX(List.of("busybox", "sh"), Checkers.Tool.BUSYBOX),
    BASH(List.of("bash", "--posix"), Checkers.Tool.BASH);

    private final List<String> words;
    private final Checkers.Tool tool;

    Shell(List<String> words, Checkers.Tool tool) {
        this.words = words;
        this.tool = tool;
    }

    /** The command that runs a script with this shell; skips the test (fails under CI) when the shell is missing. */
    List<String> command() {
        Checkers.require(tool);
        return words;
    }

    /** The shells in turn: the n-th of a series of runs uses this one, so a matrix covers all three. */
    static Shell turn(int n) {
        return values()[Math.floorMod(n, values().length)];
    }
}
