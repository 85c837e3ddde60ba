package org.xephang.device.printer.javapos;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
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
 * {@link Factory}. It records what it is asked to print and can be told to be empty, open, or to fail mid-job.
 * Built as a dynamic proxy because the service interface has a few hundred methods; unlisted getters return
 * zero/false/null.
 */
final class FakePosPrinterService implements InvocationHandler {

    static volatile boolean coverOpen;
    static volatile boolean recEmpty;
    static volatile boolean failMidJob;
    static volatile EventCallbacks callbacks;
    static final List<String> calls = new CopyOnWriteArrayList<>();

    static void reset() {
        coverOpen = false;
        recEmpty = false;
        failMidJob = false;
        calls.clear();
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

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "getDeviceServiceVersion":
                return 1_015_000;
            case "open":
                callbacks = (EventCallbacks) args[1];
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
                if (failMidJob
                        && calls.stream().filter(c -> c.startsWith("bitmap")).count() >= 3) {
                    recEmpty = true;
                    throw new JposException(
                            JposConst.JPOS_E_EXTENDED, POSPrinterConst.JPOS_EPTR_REC_EMPTY, "paper empty");
                }
                calls.add("bitmap " + args[3] + " dots wide, " + ((byte[]) args[1]).length + " bytes BMP");
                return null;
            case "cutPaper":
                calls.add("cut " + args[0]);
                return null;
            case "transactionPrint":
                calls.add("transaction " + args[1]);
                return null;
            case "claim":
            case "setDeviceEnabled":
            case "release":
            case "close":
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
