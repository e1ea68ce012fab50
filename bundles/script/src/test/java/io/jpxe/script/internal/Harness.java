package io.jpxe.script.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.boot.BootExecutor;
import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.image.FetchOptions;
import io.jpxe.api.image.Image;
import io.jpxe.api.image.ImageManager;
import io.jpxe.api.settings.Settings;
import io.jpxe.commands.flow.internal.PromptCommand;
import io.jpxe.commands.flow.internal.ShellCommand;
import io.jpxe.commands.flow.internal.SleepCommand;
import io.jpxe.commands.menu.internal.ChooseCommand;
import io.jpxe.commands.menu.internal.DynUiRegistry;
import io.jpxe.commands.menu.internal.FormCommand;
import io.jpxe.commands.menu.internal.ItemCommand;
import io.jpxe.commands.menu.internal.LoginCommand;
import io.jpxe.commands.menu.internal.MenuCommand;
import io.jpxe.commands.menu.internal.PresentCommand;
import io.jpxe.commands.settings.internal.ClearCommand;
import io.jpxe.commands.settings.internal.IncCommand;
import io.jpxe.commands.settings.internal.ReadCommand;
import io.jpxe.commands.settings.internal.ShowCommand;
import io.jpxe.commands.settings.internal.SetCommand;
import io.jpxe.settings.internal.BuiltinSettings;
import io.jpxe.settings.internal.SettingsTree;
import io.jpxe.testkit.BytesImage;
import io.jpxe.testkit.RecordingConsole;

/**
 * The real engine wired as DS would wire it: the settings tree with its builtin block, the flow
 * commands, the settings commands, the menu/form commands, and a test {@code chain [--replace] <name>} that runs other
 * scripts (found by {@link #images}) through a minimal image manager.
 */
final class Harness {
    /** The service property DS derives from {@link JpxeCommand} (see {@link CommandRegistry}). */
    static final String DS_PROPERTY = JpxeCommand.NAMESPACE;
    final Settings settings = settingsWithBuiltins();
    final RecordingConsole console;
    final ScriptEngineImpl engine;
    final ScriptImageType scriptType;
    private final Function<String, Image> images;

    Harness(RecordingConsole console, Function<String, Image> images) {
        this.console = console;
        this.images = images;
        this.engine = new ScriptEngineImpl(settings, console);
        this.scriptType = new ScriptImageType(engine);
        engine.imageManager(new ScriptOnlyImageManager());
        add("echo", new EchoCommand());
        add("isset", new IssetCommand());
        add("iseq", new IseqCommand());
        add("goto", new GotoCommand());
        add("exit", new ExitCommand());
        add("set", new SetCommand(settings));
        add("clear", new ClearCommand(settings));
        add("chain", new ChainCommand());
        add("show", new ShowCommand(settings));
        add("read", new ReadCommand(settings));
        add("inc", new IncCommand(settings));
        add("sleep", new SleepCommand());
        add("prompt", new PromptCommand());
        add("shell", new ShellCommand(engine));
        add("time", new TimeCommand());
        DynUiRegistry menus = new DynUiRegistry();
        add("menu", new MenuCommand(menus));
        add("form", new FormCommand(menus));
        add("item", new ItemCommand(menus));
        add("choose", new ChooseCommand(menus, settings));
        add("present", new PresentCommand(menus, settings));
        add("login", new LoginCommand(settings));
        HelpCommand help = new HelpCommand();
        help.bindCommand(help, Map.of(DS_PROPERTY, "help"));
        add("help", help);
    }

    private static Settings settingsWithBuiltins() {
        SettingsTree tree = new SettingsTree();
        tree.mount(new BuiltinSettings("1.2.3", Clock.fixed(Instant.ofEpochSecond(0x65a43aa6L), ZoneOffset.UTC)));
        return tree;
    }

    /** Registers a command as DS does for {@code @JpxeCommand(name)}: property {@code jpxe.command}. */
    void add(String name, Command command) {
        engine.bindCommand(command, Map.of(DS_PROPERTY, name, "service.id", (long) name.hashCode()));
    }

    /** Loads a resource as an image (the test's idea of a URI). */
    static Image resource(String path) {
        try (InputStream in = Harness.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new BytesImage(path.substring(path.lastIndexOf('/') + 1), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code chain [--replace] <name>}: executes (or replaces the script by) another script. */
    final class ChainCommand implements Command {
        private final CommandSyntax syntax = CommandSyntax.builder("chain").usage("[--replace] <name>")
                .option(OptionSpec.flag('r', "replace")).arguments(1, 1).build();

        @Override
        public CommandSyntax syntax() {
            return syntax;
        }

        @Override
        public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
            Image image = images.apply(args.argument(0));
            if (args.has("replace")) {
                context.replaceCurrentScript(image);
            } else {
                scriptType.execute(image, context);
            }
        }
    }

    /** Executes scripts only; everything else is not needed by the engine. */
    final class ScriptOnlyImageManager implements ImageManager {
        @Override
        public void execute(Image image, CommandContext context) throws JpxeException {
            try {
                if (!scriptType.probe(image)) {
                    throw new JpxeException(Errno.ENOEXEC, "not a script: " + image.name());
                }
            } catch (IOException e) {
                throw new JpxeException(Errno.EIO, e.getMessage(), e);
            }
            scriptType.execute(image, context);
        }

        @Override
        public URI resolve(String uriText) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<URI> workingUri() {
            return Optional.empty();
        }

        @Override
        public void workingUri(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Image fetch(URI uri, FetchOptions options, CommandContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Image acquire(String nameOrUri, FetchOptions options, CommandContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Image> selected() {
            return Optional.empty();
        }

        @Override
        public void select(Image image) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BootExecutor.Outcome boot(BootPlan plan, CommandContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
