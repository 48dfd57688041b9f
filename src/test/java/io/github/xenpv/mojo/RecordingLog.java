package io.github.xenpv.mojo;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Maven log at debug level (as under {@code mvn -X}) that keeps what a goal said, and still prints it. */
final class RecordingLog extends SystemStreamLog {

    private final List<String> debugs = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(CharSequence content) {
        debugs.add(content.toString());
        super.debug(content);
    }

    @Override
    public void info(CharSequence content) {
        infos.add(content.toString());
        super.info(content);
    }

    @Override
    public void warn(CharSequence content) {
        warnings.add(content.toString());
        super.warn(content);
    }

    @Override
    public void error(CharSequence content) {
        errors.add(content.toString());
        super.error(content);
    }

    List<String> debugs() {
        return debugs;
    }

    List<String> infos() {
        return infos;
    }

    List<String> warnings() {
        return warnings;
    }

    List<String> errors() {
        return errors;
    }
}
