package io.jpxe.console.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;

/**
 * Turns {@code SIGINT} (Ctrl-C on a terminal) into an interrupt request instead of killing the JVM,
 * so the script engine can stop a runaway script and go on. A second Ctrl-C while the first one is
 * still unconsumed (nothing is running that could notice it) ends the process as the default
 * handler would, with status 130. Uses {@code sun.misc.Signal} from the {@code jdk.unsupported}
 * module, reached through the system class loader so the bundle needs no import of it; where it is
 * missing, Ctrl-C keeps its default meaning. Installed once per console; the handler runs on a
 * JVM signal thread.
 */
final class InterruptSignal {
    private InterruptSignal() {
    }

    /**
     * Installs the handler.
     *
     * @param request records a Ctrl-C and returns whether one was already pending
     * @return whether the handler is installed
     */
    static boolean install(BooleanSupplier request) {
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            Class<?> signalClass = system.loadClass("sun.misc.Signal");
            Class<?> handlerClass = system.loadClass("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            InvocationHandler onSignal = (proxy, method, args) -> handle(proxy, method, args, request);
            Object handler = Proxy.newProxyInstance(system, new Class<?>[] { handlerClass }, onSignal);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Object handle(Object proxy, Method method, Object[] args, BooleanSupplier request) {
        switch (method.getName()) {
            case "handle" -> {
                if (request.getAsBoolean()) {
                    Runtime.getRuntime().exit(130);
                }
                return null;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> {
                return "jpxe-interrupt-handler";
            }
        }
    }
}
