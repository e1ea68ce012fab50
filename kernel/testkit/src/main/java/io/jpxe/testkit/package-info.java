/**
 * Test doubles of the jPXE API for unit tests: a console that records what is printed and answers
 * from a script of keys and lines, a command context that records script control, and an
 * in-memory image.
 */
@Export
@Version("1.0.0")
package io.jpxe.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
