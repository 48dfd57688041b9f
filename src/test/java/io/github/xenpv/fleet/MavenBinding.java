package io.github.xenpv.fleet;

import io.github.xenpv.model.Guest;
import java.io.StringReader;
import java.util.List;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/**
 * The {@code <guests>} of a written pom.xml bound into {@link Guest} beans by the code Maven 3.8.7
 * itself binds a Mojo's configuration with (Sisu's {@link BasicComponentConfigurator} over
 * plexus-utils' {@link Xpp3DomBuilder}): what a build of that pom would hand the plugin. It stands
 * in for a whole Maven run only in that it reads the plugin's one {@code <configuration>} without
 * interpolating {@code ${...}}.
 */
final class MavenBinding {

    /** What the configurator fills, as the Mojo's {@code guests} parameter. */
    static final class Holder {
        List<Guest> guests;
    }

    private MavenBinding() {
    }

    static List<Guest> guests(String pom) throws Exception {
        Xpp3Dom project = Xpp3DomBuilder.build(new StringReader(pom));
        Xpp3Dom configuration = project.getChild("build").getChild("plugins").getChild("plugin").getChild("configuration");
        Holder holder = new Holder();
        ClassRealm realm = new ClassWorld().newRealm("binding", MavenBinding.class.getClassLoader());
        new BasicComponentConfigurator().configureComponent(holder, new XmlPlexusConfiguration(configuration), realm);
        return holder.guests;
    }
}
