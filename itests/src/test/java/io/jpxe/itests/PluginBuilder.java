package io.jpxe.itests;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;

/**
 * Builds a third-party command bundle the way a plugin author would: javac against io.jpxe.api,
 * then bnd (DS annotations, capabilities, imports) — so tests can hot-drop real plugins.
 */
final class PluginBuilder {
    private PluginBuilder() {
    }

    /** A bundle {@code io.jpxe.itest.greet} with a {@code greet} command that prints {@code message}. */
    static byte[] greetCommand(Path work, String message) throws Exception {
        Path src = work.resolve("src/io/jpxe/itest/greet/GreetCommand.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package io.jpxe.itest.greet;

                import org.osgi.service.component.annotations.Component;
                import io.jpxe.api.command.*;

                @Component(service = Command.class)
                @JpxeCommand("greet")
                public class GreetCommand implements Command {
                    public CommandSyntax syntax() {
                        return CommandSyntax.builder("greet").summary("say hello").build();
                    }

                    public void execute(CommandContext context, ParsedCommand args) {
                        context.console().out().println("%s");
                    }
                }
                """.formatted(message));
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String classpath = String.join(File.pathSeparator, jarOf(io.jpxe.api.command.Command.class),
                jarOf(org.osgi.service.component.annotations.Component.class),
                jarOf(org.osgi.annotation.bundle.Capability.class));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "25", "-classpath", classpath, "-d", classes.toString(),
                src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed for the test plugin");
        }
        try (Builder bnd = new Builder()) {
            bnd.setProperty("Bundle-SymbolicName", "io.jpxe.itest.greet");
            bnd.setProperty("Bundle-Version", "1.0.0");
            bnd.setProperty("-dsannotations", "*");
            bnd.setProperty("Private-Package", "io.jpxe.itest.greet");
            bnd.addClasspath(classes.toFile());
            for (String entry : classpath.split(File.pathSeparator)) {
                bnd.addClasspath(new File(entry));
            }
            Jar jar = bnd.build();
            if (!bnd.getErrors().isEmpty()) {
                throw new IllegalStateException("bnd: " + bnd.getErrors());
            }
            Path out = work.resolve("greet.jar");
            jar.write(out.toFile());
            return Files.readAllBytes(out);
        }
    }

    private static String jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
