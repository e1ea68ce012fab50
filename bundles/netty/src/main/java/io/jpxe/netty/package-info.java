/**
 * The loader's one shared Netty runtime: the event loop group every protocol bundle runs on, the
 * channel classes that fit it, and a name resolver that never blocks an event loop.
 *
 * <p>Protocol bundles reference {@link io.jpxe.netty.NettyRuntime} as a DS service and never create
 * event loop groups or thread pools of their own.
 */
@Export
@Version("1.0.0")
package io.jpxe.netty;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
