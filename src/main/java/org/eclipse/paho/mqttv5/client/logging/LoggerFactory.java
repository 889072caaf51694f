package org.eclipse.paho.mqttv5.client.logging;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Stadtwerk Hub's replacement for Paho MQTT 5 (1.2.5)'s class of the same name, the factory of Paho's internal
 * loggers.
 *
 * <p>Paho makes a logger for every token, and it makes a token for every PUBACK the hub sends. Paho's own factory
 * looked the message catalogue up ({@code ResourceBundle.getBundle}) and the logger class by name
 * ({@code Class.forName}, {@code newInstance}) each time: under full load that was about 4 % of the MQTT
 * pipelines' CPU (JFR, docs/field-mqtt.md, "Throughput"). This class keeps the catalogue per name and locale and
 * the logger class's constructor per class name; every call still gets a logger of its own, initialised as Paho's
 * factory does, so nothing mutable is shared between clients. The build excludes Paho's copy from the hub's jar
 * (pom.xml, shade filter), and on a test classpath the project's classes come first; {@code PahoLoggerFactoryTest}
 * checks that this class is the one in use. Same public API as Paho's ({@link #getLogger}, {@link #setLogger},
 * {@link #getLoggingProperty}); drop this file when Paho's factory caches on its own.
 */
public class LoggerFactory {

    /** The message catalogue of Paho's client. */
    public static final String MQTT_CLIENT_MSG_CAT = "org.eclipse.paho.mqttv5.client.internal.nls.logcat";
    private static final String CLASS_NAME = LoggerFactory.class.getName();
    private static volatile String overrideloggerClassName = null;
    private static final String JSR47_LOGGER_CLASS_NAME = JSR47Logger.class.getName();

    private record CatalogueKey(String name, Locale locale) {
    }

    private static final ConcurrentMap<CatalogueKey, ResourceBundle> CATALOGUES = new ConcurrentHashMap<>();
    /** Per logger class name its no-argument constructor; a class that cannot be made is not kept. */
    private static final ConcurrentMap<String, Constructor<? extends Logger>> CONSTRUCTORS = new ConcurrentHashMap<>();

    /**
     * A new logger of the configured class for {@code loggerID}, with the message catalogue
     * {@code messageCatalogName}.
     *
     * @throws MissingResourceException when the catalogue or the logger class cannot be found or made
     */
    public static Logger getLogger(String messageCatalogName, String loggerID) {
        String loggerClassName = overrideloggerClassName;
        if (loggerClassName == null) {
            loggerClassName = JSR47_LOGGER_CLASS_NAME;
        }
        Logger logger = getLogger(loggerClassName, catalogue(messageCatalogName), loggerID, null);
        if (logger == null) {
            throw new MissingResourceException("Error locating the logging class", CLASS_NAME, loggerID);
        }
        return logger;
    }

    private static ResourceBundle catalogue(String name) {
        CatalogueKey key = new CatalogueKey(name, Locale.getDefault());
        ResourceBundle bundle = CATALOGUES.get(key);
        if (bundle == null) {
            bundle = ResourceBundle.getBundle(name); // throws MissingResourceException, as Paho's factory did
            CATALOGUES.putIfAbsent(key, bundle);
        }
        return bundle;
    }

    private static Logger getLogger(String loggerClassName, ResourceBundle messageCatalog, String loggerID,
                                    String resourceName) {
        Constructor<? extends Logger> constructor = CONSTRUCTORS.get(loggerClassName);
        try {
            if (constructor == null) {
                constructor = Class.forName(loggerClassName).asSubclass(Logger.class).getDeclaredConstructor();
                CONSTRUCTORS.putIfAbsent(loggerClassName, constructor);
            }
            Logger logger = constructor.newInstance();
            logger.initialise(messageCatalog, loggerID, resourceName);
            return logger;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException | SecurityException e) {
            return null; // as Paho's factory: the caller reports it
        }
    }

    /** A property of the {@code java.util.logging} LogManager, or null. */
    public static String getLoggingProperty(String name) {
        try {
            Class<?> logManagerClass = Class.forName("java.util.logging.LogManager");
            Method getLogManager = logManagerClass.getMethod("getLogManager");
            Object logManager = getLogManager.invoke(null);
            Method getProperty = logManagerClass.getMethod("getProperty", String.class);
            return (String) getProperty.invoke(logManager, name);
        } catch (Exception e) {
            return null;
        }
    }

    /** The logger class to use instead of {@link JSR47Logger}; null for JSR47Logger again. */
    public static void setLogger(String loggerClassName) {
        overrideloggerClassName = loggerClassName;
    }
}
