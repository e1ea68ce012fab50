package io.jpxe.commands.flow.internal;

import java.util.function.Supplier;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.script.ScriptEngine;

/**
 * {@code shell} (iPXE {@code hci/shell.c}): a nested interactive shell on the same console, until
 * {@code exit} or end of input; its status is the one given to {@code exit}.
 */
// The engine is looked up when the command runs: the engine binds every command, so binding it
// here at activation would be a circular reference.
@Component(service = Command.class, reference = @Reference(name = "engine", service = ScriptEngine.class))
@JpxeCommand("shell")
public final class ShellCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("shell").summary("Start an interactive shell")
            .arguments(0, 0).build();

    private final Supplier<ScriptEngine> engine;

    @Activate
    public ShellCommand(ComponentContext context) {
        this.engine = () -> (ScriptEngine) context.locateService("engine");
    }

    /** Outside OSGi (tests). */
    public ShellCommand(ScriptEngine engine) {
        this.engine = () -> engine;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        int status = engine.get().shell(context.console());
        if (status != 0) {
            throw new StatusException(status, "shell exited with status " + status);
        }
    }
}
