package de.stadtwerk.hub.bench;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;

/**
 * How long Paho takes to decode one received meter reading (a PUBLISH with the benchmark's payload), with Paho's
 * own {@code CountingInputStream} and with the hub's replacement (docs/decisions.md), in one run: each variant in a
 * class loader of its own, alternating rounds. Usage: {@code bench/mqtt-decode.sh [rounds=5] [packets per round=1000000]}.
 */
public final class PahoDecodeBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        byte[] packet = packet();
        URL pahoJar = MqttPublish.class.getProtectionDomain().getCodeSource().getLocation();
        URL hubClasses = Path.of("target", "classes").toUri().toURL();
        if (pahoJar.equals(hubClasses)) {
            throw new IllegalStateException("Paho's classes were not found in a jar of their own: " + pahoJar);
        }
        try (URLClassLoader paho = new URLClassLoader(new URL[] {pahoJar}, ClassLoader.getPlatformClassLoader());
             URLClassLoader hub = new URLClassLoader(new URL[] {hubClasses, pahoJar}, ClassLoader.getPlatformClassLoader())) {
            Method pahoDecode = decoder(paho);
            Method hubDecode = decoder(hub);
            System.out.printf(Locale.ROOT, "packet %d bytes; %d rounds of %,d decodes per variant%n", packet.length,
                    rounds, perRound);
            double bestPaho = Double.MAX_VALUE;
            double bestHub = Double.MAX_VALUE;
            for (int r = 1; r <= rounds; r++) {
                double p = nanosPerDecode(pahoDecode, packet, perRound);
                double h = nanosPerDecode(hubDecode, packet, perRound);
                bestPaho = Math.min(bestPaho, p);
                bestHub = Math.min(bestHub, h);
                System.out.printf(Locale.ROOT, "round %d: Paho's CountingInputStream %.0f ns, the hub's %.0f ns per decode%n",
                        r, p, h);
            }
            System.out.printf(Locale.ROOT, "best: Paho's %.0f ns, the hub's %.0f ns per decode (%.1f x)%n", bestPaho,
                    bestHub, bestPaho / bestHub);
        }
    }

    private static Method decoder(ClassLoader loader) throws Exception {
        Class<?> wire = Class.forName("org.eclipse.paho.mqttv5.common.packet.MqttWireMessage", true, loader);
        return wire.getMethod("createWireMessage", byte[].class);
    }

    private static double nanosPerDecode(Method decode, byte[] packet, int count) throws Exception {
        long t0 = System.nanoTime();
        int check = 0;
        for (int i = 0; i < count; i++) {
            check += decode.invoke(null, (Object) packet).hashCode() & 1;
        }
        long elapsed = System.nanoTime() - t0;
        if (check < 0) {
            System.out.println(check); // keeps the result alive
        }
        return (double) elapsed / count;
    }

    /** A PUBLISH as the broker sends it to the hub: topic, packet id, payload of the load generator. */
    private static byte[] packet() throws Exception {
        byte[] payload = ("{\"meter\":\"m-00042\",\"ts\":\"2026-11-26T10:15:00.123456+01:00\",\"obis\":\"1-0:1.8.0\","
                + "\"value\":12345.678,\"unit\":\"Wh\"}").getBytes(StandardCharsets.US_ASCII);
        MqttPublish publish = new MqttPublish("stadtwerk/meters/m-00042/reading", new MqttMessage(payload, 1, false, null),
                new MqttProperties());
        publish.setMessageId(4711);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(publish.getHeader());
        out.write(publish.getPayload());
        return out.toByteArray();
    }
}
