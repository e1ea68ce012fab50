package io.jpxe.api.uri;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the URI schemes a {@link UriOpener} component serves: the service property
 * {@code jpxe.uri.scheme} and the capability {@code jpxe.uri.scheme;jpxe.uri.scheme:List<String>=...}.
 *
 * <pre>{@code
 * @Component(service = UriOpener.class)
 * @UriScheme({"tftp", "tftm"})
 * public class TftpOpener implements UriOpener { ... }
 * }</pre>
 */
@ComponentPropertyType
@Capability(namespace = UriScheme.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface UriScheme {
    String NAMESPACE = "jpxe.uri.scheme";
    String PREFIX_ = "jpxe.";

    /** Lower-case scheme names. */
    @Attribute(NAMESPACE)
    String[] value();
}
