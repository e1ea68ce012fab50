/**
 * The HTTP client of the loader as a service, and the hook a TLS bundle plugs into it.
 *
 * <p>{@link io.jpxe.proto.http.HttpClient} fetches {@code http://} URIs, and {@code https://} ones
 * once a {@link io.jpxe.proto.http.SecureLayer} is registered (the HTTPS bundle registers one).
 */
@Export
@Version("1.0.0")
package io.jpxe.proto.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
