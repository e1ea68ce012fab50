package io.jpxe.api.image;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the image format an {@link ImageType} component recognises: the service property
 * {@code jpxe.image.type=<name>} and the capability {@code jpxe.image.type;jpxe.image.type=<name>}.
 */
@ComponentPropertyType
@Capability(namespace = JpxeImageType.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface JpxeImageType {
    String NAMESPACE = "jpxe.image.type";

    /** The type's name as shown by {@code imgstat} ({@code script}, {@code bzImage}...). */
    @Attribute(NAMESPACE)
    String value();
}
