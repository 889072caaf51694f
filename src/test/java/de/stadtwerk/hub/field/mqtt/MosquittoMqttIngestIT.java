package de.stadtwerk.hub.field.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The at-least-once cases against the machine's Mosquitto (127.0.0.1:1883, started by .ci/run; override with
 * -Dhub.test.mqtt.url). The hub is stopped and started as a whole. The broker restart case needs a broker the
 * test may restart: {@link PrivateMosquittoMqttIngestIT} runs it on a Mosquitto of its own.
 */
class MosquittoMqttIngestIT extends MqttAtLeastOnceContract {

    static final String URL = System.getProperty("hub.test.mqtt.url", "tcp://127.0.0.1:1883");

    @BeforeAll
    static void mosquittoIsThere() {
        java.net.URI uri = java.net.URI.create(URL);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            Assumptions.abort("no MQTT broker at " + URL + " (" + e.getMessage() + "); start Mosquitto (see .ci/run)");
        }
    }

    @Override
    void useBroker(TestHub hub) {
        hub.set("hub.mqtt.broker-url", URL);
    }

    @Override
    String brokerUrl(TestHub hub) {
        return URL;
    }

    @Override
    void restartBroker(TestHub hub) {
        Assumptions.abort("the machine's Mosquitto is shared and not restarted by tests;"
                + " PrivateMosquittoMqttIngestIT restarts a Mosquitto of its own");
    }

    @Override
    void stopHub(TestHub hub) {
        hub.stop();
    }

    @Override
    void startHub(TestHub hub) {
        hub.start();
    }
}
