package io.rio.spi;

import java.util.concurrent.Callable;

/**
 * Runs work in transactions. In a Jakarta EE server this is JTA; the engine's tests use an in-memory one.
 */
public interface Transactions {

    /**
     * Runs {@code work} in a new transaction, suspending any transaction of the calling thread for its
     * duration. Commits when {@code work} returns; rolls back and rethrows when it throws anything.
     * An exception raised by the commit itself is thrown as is.
     */
    <T> T inNewTransaction(Callable<T> work) throws Exception;
}
