package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where {@link JtaTransactions} runs a new transaction: on the calling thread outside transactions, and on another
 * thread inside one (where Payara would hand the new transaction the suspended one's open connection).
 */
class JtaTransactionsTest {
    private final Object[] transactionKey = {null};
    private final JtaTransactions transactions = new JtaTransactions();
    private final List<Thread> ranOn = new CopyOnWriteArrayList<>();

    JtaTransactionsTest() {
        transactions.registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getTransactionKey")) {
                        return transactionKey[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        transactions.threadFactory = (ManagedThreadFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedThreadFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("newThread")) {
                        return Executors.defaultThreadFactory().newThread((Runnable) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        transactions.requiresNew = new RequiresNew() {
            @Override
            public <T> T call(Callable<T> work) throws Exception {
                ranOn.add(Thread.currentThread());
                return work.call();
            }
        };
    }

    @AfterEach
    void stop() {
        transactions.stop();
    }

    @Test
    void outsideATransactionTheNewOneRunsOnTheCallingThread() throws Exception {
        assertEquals("done", transactions.inNewTransaction(() -> "done"));
        assertEquals(List.of(Thread.currentThread()), ranOn);
    }

    @Test
    void insideATransactionTheNewOneRunsOnAnotherThreadAndItsOutcomeComesBackUnchanged() throws Exception {
        transactionKey[0] = "tx-1";
        assertEquals("done", transactions.inNewTransaction(() -> "done"));
        assertEquals(1, ranOn.size());
        assertNotEquals(Thread.currentThread(), ranOn.get(0));

        IOException checked = new IOException("checked failure");
        assertSame(checked, assertThrows(IOException.class, () -> transactions.inNewTransaction(() -> {
            throw checked;
        })));
        IllegalStateException unchecked = new IllegalStateException("unchecked failure");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> transactions.inNewTransaction(() -> {
            throw unchecked;
        })));
    }

    @Test
    void aLongNestedTransactionIsWaitedForAndWarnedAboutOnce() throws Exception {
        transactionKey[0] = "tx-1";
        transactions.warnAfterMillis = 50;
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(JtaTransactions.class.getName());
        log.addHandler(capture);
        try {
            assertEquals("late", transactions.inNewTransaction(() -> {
                Thread.sleep(300);
                return "late";
            }));
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, warnings.size(), "one warning however long it waits");
        assertTrue(warnings.get(0).getMessage().contains("rows that the handler body wrote"),
                warnings.get(0).getMessage());
    }
}
