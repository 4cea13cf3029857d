package io.restock.stack;

/**
 * {@link Stack#start(StackOptions)} could not bring everything up: a build failed, a port was taken, a process
 * exited or was not healthy in time. The message names the step and ends with the last lines of the failing
 * process's log; everything started before was stopped.
 */
public final class StackStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackStartException(final String message) {
        super(message);
    }

    public StackStartException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
