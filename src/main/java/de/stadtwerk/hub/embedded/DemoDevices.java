package de.stadtwerk.hub.embedded;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo devices for the embedded defaults ({@code hub.demo.enabled}): simulated smart meters publishing their
 * energy register (OBIS 1-0:1.8.0, Wh, local time with offset) on {@code stadtwerk/meters/<id>/reading}, and
 * PV plants publishing their feed-in power (W) as a plain number on {@code stadtwerk/values/<id>/active_power}.
 * QoS 1, every {@code hub.demo.interval}.
 */
public final class DemoDevices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDevices.class);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** A PV plant of the demo: id and peak power (W). */
    public record Plant(String id, double peakWatts) {
    }

    private final String brokerUrl;
    private final Duration interval;
    private final List<String> meters = new ArrayList<>();
    private final double[] registers;
    private final List<Plant> plants;
    private final Clock clock;
    private final Random random = new Random(42);
    private Mqtt5AsyncClient client;
    private ScheduledExecutorService timer;

    public DemoDevices(String brokerUrl, int meterCount, List<Plant> plants, Duration interval, Clock clock) {
        this.brokerUrl = brokerUrl;
        this.interval = interval;
        this.plants = List.copyOf(plants);
        this.clock = clock;
        for (int i = 1; i <= meterCount; i++) {
            meters.add(String.format(Locale.ROOT, "m-%05d", i));
        }
        if (meterCount > 0 && meterCount < 42) {
            meters.set(meterCount - 1, "m-00042"); // the meter of config/assets.csv
        }
        registers = new double[meters.size()];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = 1_000_000 + random.nextInt(40_000_000);
        }
    }

    public synchronized void start() {
        URI uri = URI.create(brokerUrl);
        client = MqttClient.builder().useMqttVersion5().identifier("stadtwerk-hub-demo-devices")
                .serverHost(uri.getHost()).serverPort(uri.getPort() > 0 ? uri.getPort() : 1883)
                .automaticReconnectWithDefaultConfig().buildAsync();
        client.connect().whenComplete((ack, e) -> {
            if (e != null) {
                LOG.warn("demo devices cannot connect to {}: {} (retrying)", brokerUrl, e.getMessage());
            }
        });
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hub-demo-devices");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::publishAll, 1000, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Demo devices: {} meters and {} PV plants publish every {} s to {}", meters.size(), plants.size(),
                interval.toSeconds(), brokerUrl);
    }

    private void publishAll() {
        try {
            if (!client.getState().isConnected()) {
                return;
            }
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(BERLIN)).truncatedTo(ChronoUnit.SECONDS);
            double hours = interval.toMillis() / 3_600_000.0;
            for (int i = 0; i < meters.size(); i++) {
                double watts = householdWatts(now, i);
                registers[i] += watts * hours;
                String body = String.format(Locale.ROOT,
                        "{\"meter\":\"%s\",\"ts\":\"%s\",\"obis\":\"1-0:1.8.0\",\"value\":%.3f,\"unit\":\"Wh\"}",
                        meters.get(i), TS.format(now), registers[i]);
                publish("stadtwerk/meters/" + meters.get(i) + "/reading", body);
            }
            for (Plant p : plants) {
                publish("stadtwerk/values/" + p.id() + "/active_power",
                        String.format(Locale.ROOT, "%.1f", pvWatts(now, p.peakWatts())));
            }
        } catch (RuntimeException e) {
            LOG.warn("demo devices: {}", e.toString());
        }
    }

    private void publish(String topic, String body) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(body.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** A household's load: base load, morning and evening peaks, noise. */
    private double householdWatts(ZonedDateTime t, int meter) {
        double h = t.getHour() + t.getMinute() / 60.0;
        double profile = 150 + 350 * Math.exp(-Math.pow(h - 7.5, 2) / 2) + 700 * Math.exp(-Math.pow(h - 19, 2) / 4);
        return Math.max(50, profile * (0.6 + 0.8 * ((meter * 7919) % 100) / 100.0) + random.nextGaussian() * 60);
    }

    /** Feed-in of a PV plant: a daylight arc (6 to 18 local solar time, lower in winter) with passing clouds. */
    private double pvWatts(ZonedDateTime t, double peak) {
        double h = t.withZoneSameInstant(ZoneId.of("UTC")).getHour() + t.getMinute() / 60.0 + 0.5; // ~ solar time at 7°E
        double season = 0.6 + 0.4 * Math.cos(2 * Math.PI * (t.getDayOfYear() - 172) / 365.0);
        double elevation = Math.sin(Math.PI * (h - 6) / 12);
        if (elevation <= 0) {
            return 0;
        }
        double clouds = 0.55 + 0.45 * random.nextDouble();
        return peak * elevation * season * clouds;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (client != null) {
            client.disconnect();
        }
    }
}
