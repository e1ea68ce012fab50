package io.jpxe.api.boot;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names a {@link BootExecutor}: service property and capability {@code jpxe.boot.executor=<name>}
 * ({@code plan}, {@code qemu}, {@code kexec}).
 */
@ComponentPropertyType
@Capability(namespace = JpxeBootExecutor.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface JpxeBootExecutor {
    String NAMESPACE = "jpxe.boot.executor";

    @Attribute(NAMESPACE)
    String value();
}
