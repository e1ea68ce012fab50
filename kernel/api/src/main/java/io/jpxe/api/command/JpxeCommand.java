package io.jpxe.api.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the script command a {@link Command} component implements.
 *
 * <p>The type's name makes the property name ({@code JpxeCommand} gives {@code jpxe.command}, as DS
 * derives it for single-element annotations). One annotation gives both the service property {@code jpxe.command=<name>} (used by the
 * script engine to find the command) and the capability {@code jpxe.command;jpxe.command=<name>}
 * (used by the resolver when a profile requires the command).
 *
 * <pre>{@code
 * @Component(service = Command.class)
 * @JpxeCommand("echo")
 * public class EchoCommand implements Command { ... }
 * }</pre>
 */
@ComponentPropertyType
@Capability(namespace = JpxeCommand.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface JpxeCommand {
    /** Capability namespace and service property name. */
    String NAMESPACE = "jpxe.command";

    /** The command name as typed in a script (exact, case-sensitive). */
    @Attribute(NAMESPACE)
    String value();
}
