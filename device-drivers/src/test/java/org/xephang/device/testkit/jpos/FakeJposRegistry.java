package org.xephang.device.testkit.jpos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jpos.JposConst;
import jpos.JposException;
import jpos.config.JposEntry;
import jpos.config.JposEntryRegistry;
import jpos.config.simple.SimpleEntry;
import jpos.loader.JposServiceInstance;
import jpos.loader.JposServiceInstanceFactory;
import jpos.loader.JposServiceLoader;

/**
 * Fake JavaPOS device services registered with the JavaPOS loader (see {@link #install()}). Logical names: {@code FakeScanner} ({@link FakeScannerService}), {@code FakeKeyboard}
 * ({@link FakeKeyboardService}). The test reaches the instance a control opened with {@link #service}.
 */
public final class FakeJposRegistry implements JposServiceInstanceFactory {

    private static final Map<String, FakeJposService> OPENED = new ConcurrentHashMap<>();
    private static boolean installed;

    /**
     * Makes the fake services openable; idempotent. JavaPOS reads its configuration once per JVM, and other tests
     * (the printer's) point it at their own jpos.xml, so whichever runs first: if no configuration is set yet, ours
     * is written (with the printer test's entry too, so that test still finds its service); then our entries are
     * added to the live registry if it lacks them.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        if (System.getProperty("jpos.config.populatorFile") == null) {
            try {
                Path xml = Files.createTempFile("xephang-jpos", ".xml");
                xml.toFile().deleteOnExit();
                Files.writeString(xml, jposXml(), StandardCharsets.UTF_8);
                System.setProperty("jpos.config.regPopulatorClass", "jpos.config.simple.xml.SimpleXmlRegPopulator");
                System.setProperty("jpos.config.populatorFile", xml.toString());
                System.setProperty("jpos.loader.serviceManagerClass", "jpos.loader.simple.SimpleServiceManager");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JposEntryRegistry registry = JposServiceLoader.getManager().getEntryRegistry();
        register(registry, "FakeScanner", "Scanner", FakeScannerService.class);
        register(registry, "FakeKeyboard", "POSKeyboard", FakeKeyboardService.class);
        installed = true;
    }

    private static void register(JposEntryRegistry registry, String name, String category, Class<?> service) {
        if (registry.hasJposEntry(name)) {
            return;
        }
        SimpleEntry entry = new SimpleEntry(name, null);
        entry.addProperty(JposEntry.LOGICAL_NAME_PROP_NAME, name);
        entry.addProperty(JposEntry.SI_FACTORY_CLASS_PROP_NAME, FakeJposRegistry.class.getName());
        entry.addProperty(JposEntry.SERVICE_CLASS_PROP_NAME, service.getName());
        entry.addProperty(JposEntry.DEVICE_CATEGORY_PROP_NAME, category);
        entry.addProperty(JposEntry.JPOS_VERSION_PROP_NAME, "1.2");
        entry.addProperty(JposEntry.VENDOR_NAME_PROP_NAME, "xephang");
        entry.addProperty(JposEntry.VENDOR_URL_PROP_NAME, "https://example.invalid");
        entry.addProperty(JposEntry.PRODUCT_NAME_PROP_NAME, "fake");
        entry.addProperty(JposEntry.PRODUCT_DESCRIPTION_PROP_NAME, "fake");
        entry.addProperty(JposEntry.PRODUCT_URL_PROP_NAME, "https://example.invalid");
        registry.addJposEntry(entry);
    }

    private static String jposXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE JposEntries PUBLIC "-//JavaPOS//DTD//EN" "jpos/res/jcl.dtd">
                <JposEntries>
                %s
                %s
                  <JposEntry logicalName="FakePrinter">
                    <creation factoryClass="org.xephang.device.printer.javapos.FakePosPrinterService$Factory"
                              serviceClass="org.xephang.device.printer.javapos.FakePosPrinterService"/>
                    <vendor name="xephang tests" url="https://example.invalid"/>
                    <jpos category="POSPrinter" version="1.15"/>
                    <product name="Fake POSPrinter" description="records calls" url="https://example.invalid"/>
                    <prop name="deviceBus" value="Unknown"/>
                  </JposEntry>
                </JposEntries>
                """.formatted(
                        entry("FakeScanner", "Scanner", FakeScannerService.class),
                        entry("FakeKeyboard", "POSKeyboard", FakeKeyboardService.class));
    }

    private static String entry(String name, String category, Class<?> service) {
        return """
                <JposEntry logicalName="%s">
                  <creation factoryClass="%s" serviceClass="%s"/>
                  <vendor name="xephang" url="https://example.invalid"/>
                  <jpos category="%s" version="1.2"/>
                  <product description="fake" name="fake" url="https://example.invalid"/>
                </JposEntry>
                """.formatted(name, FakeJposRegistry.class.getName(), service.getName(), category);
    }

    /** The service instance a control opened under {@code logicalName}. */
    @SuppressWarnings("unchecked")
    public static <T extends FakeJposService> T service(String logicalName) {
        return (T) OPENED.get(logicalName);
    }

    @Override
    public JposServiceInstance createInstance(String logicalName, JposEntry entry) throws JposException {
        try {
            String serviceClass = (String) entry.getPropertyValue(JposEntry.SERVICE_CLASS_PROP_NAME);
            FakeJposService service = (FakeJposService)
                    Class.forName(serviceClass).getDeclaredConstructor().newInstance();
            OPENED.put(logicalName, service);
            return service;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new JposException(JposConst.JPOS_E_NOSERVICE, "cannot create " + logicalName, e);
        }
    }
}
