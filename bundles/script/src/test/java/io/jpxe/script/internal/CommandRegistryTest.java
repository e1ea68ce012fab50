package io.jpxe.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;

class CommandRegistryTest {

    /** What SCR hands the engine's bind method; {@code available} false = activation not possible now. */
    private static final class FakeObjects implements ComponentServiceObjects<Command> {
        final Command command;
        boolean available;
        int gets;

        FakeObjects(Command command, boolean available) {
            this.command = command;
            this.available = available;
        }

        @Override
        public Command getService() {
            gets++;
            return available ? command : null;
        }

        @Override
        public void ungetService(Command service) {
        }

        @Override
        public ServiceReference<Command> getServiceReference() {
            return null;
        }
    }

    private static Command named(String name) {
        CommandSyntax syntax = CommandSyntax.builder(name).build();
        return new Command() {
            @Override
            public CommandSyntax syntax() {
                return syntax;
            }

            @Override
            public void execute(io.jpxe.api.command.CommandContext context, io.jpxe.api.command.ParsedCommand args) {
            }
        };
    }

    @Test
    void aLazilyAddedCommandIsNamedAtOnceButActivatedOnlyWhenFound() {
        CommandRegistry registry = new CommandRegistry();
        Command shell = named("shell");
        FakeObjects objects = new FakeObjects(shell, true);

        registry.addLazily(objects, Map.of(JpxeCommand.NAMESPACE, "shell", "service.id", 5L));

        assertEquals(Set.of("shell"), registry.names());
        assertEquals(0, objects.gets, "binding must not activate the command");
        assertSame(shell, registry.find("shell").orElseThrow());
        assertSame(shell, registry.find("shell").orElseThrow());
        assertEquals(1, objects.gets, "the object is kept once taken");
    }

    @Test
    void aCommandThatCannotBeActivatedYetIsFoundLaterAndOutrankedOnesArePassedOver() {
        CommandRegistry registry = new CommandRegistry();
        FakeObjects best = new FakeObjects(named("chain"), false);
        Command fallback = named("chain");
        registry.addLazily(best, Map.of(JpxeCommand.NAMESPACE, "chain", "service.ranking", 10, "service.id", 1L));
        registry.add(fallback, Map.of(JpxeCommand.NAMESPACE, "chain", "service.id", 2L));

        assertSame(fallback, registry.find("chain").orElseThrow());
        best.available = true;
        assertSame(best.command, registry.find("chain").orElseThrow());

        registry.remove(best, Map.of(JpxeCommand.NAMESPACE, "chain"));
        registry.remove(fallback, Map.of(JpxeCommand.NAMESPACE, "chain"));
        assertEquals(Optional.empty(), registry.find("chain"));
        assertTrue(registry.names().isEmpty());
    }
}
