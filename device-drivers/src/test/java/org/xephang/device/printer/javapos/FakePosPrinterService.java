package org.xephang.device.printer.javapos;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.config.JposEntry;
import jpos.loader.JposServiceInstance;
import jpos.loader.JposServiceInstanceFactory;
import jpos.services.EventCallbacks;
import jpos.services.POSPrinterService115;

/**
 * A JavaPOS POSPrinter device service for tests, registered in a temporary {@code jpos.xml} through its
 * {@link Factory}. It records what it is asked to print and can be told to be empty, open, or to fail mid-job (paper
 * out, or going off line until told otherwise). It keeps transaction mode as UPOS does: print calls are buffered until
 * {@code transactionPrint} NORMAL prints them as one ticket ({@link #printed}), {@code clearOutput} discards them and
 * leaves transaction mode, and entering transaction mode twice is refused. Built as a dynamic proxy because the service interface has a few hundred methods; unlisted getters return
 * zero/false/null.
 */
final class FakePosPrinterService implements InvocationHandler {

    static volatile boolean coverOpen;
    static volatile boolean recEmpty;
    static volatile boolean failMidJob;
    /** Off line: every call that needs the device fails with JPOS_E_OFFLINE. */
    static volatile boolean offline;
    /** Goes {@link #offline} at the bitmap with this index (0-based) of a job; -1 for never. */
    static volatile int offlineAtBitmap = -1;

    static volatile EventCallbacks callbacks;
    static final List<String> calls = new CopyOnWriteArrayList<>();
    /** The tickets that came out of the printer: the number of bitmaps in each. */
    static final List<Integer> printed = new CopyOnWriteArrayList<>();

    private static boolean inTransaction;
    private static int buffered;

    static synchronized void reset() {
        coverOpen = false;
        recEmpty = false;
        failMidJob = false;
        offline = false;
        offlineAtBitmap = -1;
        inTransaction = false;
        buffered = 0;
        calls.clear();
        printed.clear();
    }

    /** Named in jpos.xml's {@code creation factoryClass}. */
    public static final class Factory implements JposServiceInstanceFactory {
        @Override
        public JposServiceInstance createInstance(String logicalName, JposEntry entry) {
            return (JposServiceInstance) Proxy.newProxyInstance(
                    FakePosPrinterService.class.getClassLoader(),
                    new Class<?>[] {POSPrinterService115.class, JposServiceInstance.class},
                    new FakePosPrinterService());
        }
    }

    private static final Set<String> NEED_THE_DEVICE = Set.of(
            "getCoverOpen",
            "getRecEmpty",
            "getRecNearEnd",
            "printMemoryBitmap",
            "printNormal",
            "printBarCode",
            "cutPaper",
            "transactionPrint",
            "clearOutput");

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        synchronized (FakePosPrinterService.class) {
            return answer(proxy, method, args);
        }
    }

    private Object answer(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (offline && (NEED_THE_DEVICE.contains(name) || (name.equals("setDeviceEnabled") && (Boolean) args[0]))) {
            calls.add(name + " failed: offline");
            throw new JposException(JposConst.JPOS_E_OFFLINE, "the printer is off line");
        }
        switch (name) {
            case "getDeviceServiceVersion":
                return 1_015_000;
            case "open":
                callbacks = (EventCallbacks) args[1];
                inTransaction = false;
                buffered = 0;
                calls.add("open " + args[0]);
                return null;
            case "getState":
                return JposConst.JPOS_S_IDLE;
            case "getCoverOpen":
                return coverOpen;
            case "getRecEmpty":
                return recEmpty;
            case "getCapRecPresent":
            case "getCapRecBitmap":
            case "getCapRecPapercut":
            case "getCapTransaction":
                return true;
            case "getRecLineWidth":
                return 576;
            case "printMemoryBitmap":
                if (failMidJob && buffered >= 3) {
                    recEmpty = true;
                    throw new JposException(
                            JposConst.JPOS_E_EXTENDED, POSPrinterConst.JPOS_EPTR_REC_EMPTY, "paper empty");
                }
                if (buffered == offlineAtBitmap) {
                    offline = true;
                    calls.add(name + " failed: offline");
                    throw new JposException(JposConst.JPOS_E_OFFLINE, "the printer went off line");
                }
                buffered++;
                calls.add("bitmap " + args[3] + " dots wide, " + ((byte[]) args[1]).length + " bytes BMP");
                return null;
            case "cutPaper":
                calls.add("cut " + args[0]);
                return null;
            case "transactionPrint":
                calls.add("transaction " + args[1]);
                if ((Integer) args[1] == POSPrinterConst.PTR_TP_TRANSACTION) {
                    if (inTransaction) {
                        throw new JposException(JposConst.JPOS_E_ILLEGAL, "already in transaction mode");
                    }
                    inTransaction = true;
                    buffered = 0;
                } else if (inTransaction) {
                    inTransaction = false;
                    printed.add(buffered);
                    buffered = 0;
                }
                return null;
            case "clearOutput":
                calls.add("clearOutput");
                inTransaction = false;
                buffered = 0;
                return null;
            case "close":
                inTransaction = false;
                buffered = 0;
                calls.add(name);
                return null;
            case "claim":
            case "setDeviceEnabled":
            case "release":
                calls.add(name + (args == null ? "" : " " + args[0]));
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "FakePosPrinterService";
            default:
                return defaultValue(method.getReturnType());
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == String.class) {
            return "";
        }
        return null;
    }
}
