package io.github.xenpv.fleet;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a file could not be read, in words for the report: never an exception's class name. */
final class ReadFailure {

    private ReadFailure() {
    }

    static String why(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (e instanceof NotDirectoryException notFolder) {
            return notFolder.getFile() + ": not a folder";
        }
        if (e instanceof FileSystemException system) {
            return system.getFile() + (system.getReason() == null ? "" : ": " + system.getReason());
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }
}
