package io.github.xenpv.mojo;

import io.github.xenpv.model.ValidGuest;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Checks every declared guest against every rule; writes nothing. */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractXenpvMojo {

    @Override
    void execute(List<ValidGuest> selected) {
        getLog().info("xenpv: " + selected.size() + (selected.size() == 1 ? " guest" : " guests") + " valid");
    }
}
