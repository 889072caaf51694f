package org.eclipse.paho.mqttv5.client.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.MissingResourceException;
import org.eclipse.paho.mqttv5.client.MqttToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's replacement of Paho's LoggerFactory: in use, a new logger per call, Paho's failures kept. */
class PahoLoggerFactoryTest {

    @AfterEach
    void defaultLoggerAgain() {
        LoggerFactory.setLogger(null);
    }

    @Test
    void theHubsClassIsTheOneInUseNotPahos() throws Exception {
        String location = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(location.contains("org.eclipse.paho.mqttv5.client"),
                "Paho's own LoggerFactory is loaded from " + location);
        LoggerFactory.class.getDeclaredField("CATALOGUES"); // Paho's class has no cache
    }

    @Test
    void everyCallGetsALoggerOfItsOwnWithPahosCatalogue() {
        Logger a = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-a");
        Logger b = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-a");
        assertInstanceOf(JSR47Logger.class, a);
        assertNotSame(a, b, "a logger holds its client's resource name: it must not be shared");
        a.setResourceName("client-a");
        b.setResourceName("client-b");
        // message 104 of Paho's catalogue is "Client connected" (formatted from the catalogue, with no inserts)
        assertEquals(java.util.ResourceBundle.getBundle(LoggerFactory.MQTT_CLIENT_MSG_CAT).getString("104"),
                a.formatMessage("104", null));
    }

    @Test
    void pahosTokenStillGetsItsLogger() {
        MqttToken token = new MqttToken("client-x"); // what Paho makes per PUBACK
        assertFalse(token.isComplete());
    }

    @Test
    void aLoggerClassOfOurOwnAndBadOnesFailAsInPaho() {
        LoggerFactory.setLogger(CountingLogger.class.getName());
        Logger custom = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-b");
        assertInstanceOf(CountingLogger.class, custom);
        assertTrue(((CountingLogger) custom).initialised);

        LoggerFactory.setLogger("no.such.LoggerClass");
        assertThrows(MissingResourceException.class,
                () -> LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-c"));
        LoggerFactory.setLogger(String.class.getName()); // not a Logger
        assertThrows(MissingResourceException.class,
                () -> LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-d"));

        LoggerFactory.setLogger(null);
        assertThrows(MissingResourceException.class, () -> LoggerFactory.getLogger("no.such.catalogue", "test-e"));
        assertInstanceOf(JSR47Logger.class, LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "test-f"));
    }

    @Test
    void loggingPropertyOfTheLogManager() {
        assertEquals(java.util.logging.LogManager.getLogManager().getProperty("handlers"),
                LoggerFactory.getLoggingProperty("handlers"));
    }

    /** A logger class of one's own, as {@link LoggerFactory#setLogger} allows. */
    public static class CountingLogger extends JSR47Logger {
        boolean initialised;

        @Override
        public void initialise(java.util.ResourceBundle messageCatalog, String loggerID, String resourceName) {
            super.initialise(messageCatalog, loggerID, resourceName);
            initialised = true;
        }
    }
}
