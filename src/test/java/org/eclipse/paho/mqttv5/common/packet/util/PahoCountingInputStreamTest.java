package org.eclipse.paho.mqttv5.common.packet.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttSubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

/** The hub's replacement of Paho's CountingInputStream: in use, counting as Paho's does, decoding the same packets. */
class PahoCountingInputStreamTest {

    @Test
    void theHubsClassIsTheOneInUseNotPahos() throws Exception {
        String location = CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertFalse(location.contains("org.eclipse.paho.mqttv5.client"),
                "Paho's own CountingInputStream is loaded from " + location);
        // Paho's class has no block read; ours must, or the byte-by-byte decoding is back
        CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class);
    }

    @Test
    void countsSingleBytesAndBlocksAndNothingAtTheEnd() throws IOException {
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7}));
        assertEquals(1, in.read());
        assertEquals(1, in.getCounter());
        byte[] block = new byte[4];
        assertEquals(4, in.read(block, 0, 4));
        assertArrayEquals(new byte[] {2, 3, 4, 5}, block);
        assertEquals(5, in.getCounter());
        assertEquals(2, in.read(block, 1, 3)); // only two left
        assertEquals(7, in.getCounter());
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(block, 0, 4));
        assertEquals(7, in.getCounter());
        in.resetCounter();
        assertEquals(0, in.getCounter());
    }

    @Test
    void pahoDecodesAPublishWithPropertiesAndPayloadAsItWasEncoded() throws Exception {
        byte[] payload = "{\"meter\":\"m-00042\",\"ts\":\"2026-11-26T10:15:00+01:00\",\"obis\":\"1-0:1.8.0\",\"value\":12345.678,\"unit\":\"Wh\"}"
                .getBytes(StandardCharsets.UTF_8);
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(new UserProperty("sent", "1764148500000")));
        properties.setContentType("application/json");
        MqttPublish publish = new MqttPublish("stadtwerk/meters/m-00042/reading", message, properties);
        publish.setMessageId(4711);

        MqttWireMessage decoded = MqttWireMessage.createWireMessage(encode(publish));

        MqttPublish back = assertInstanceOf(MqttPublish.class, decoded);
        assertEquals("stadtwerk/meters/m-00042/reading", back.getTopicName());
        assertEquals(4711, back.getMessageId());
        assertEquals(1, back.getMessage().getQos());
        assertArrayEquals(payload, back.getMessage().getPayload());
        assertEquals("application/json", back.getProperties().getContentType());
        assertEquals("1764148500000", back.getProperties().getUserProperties().get(0).getValue());
    }

    @Test
    void pahoDecodesAcknowledgementsAsTheyWereEncoded() throws Exception {
        MqttPubAck ack = new MqttPubAck(0, 17, new MqttProperties());
        MqttPubAck ackBack = assertInstanceOf(MqttPubAck.class, MqttWireMessage.createWireMessage(encode(ack)));
        assertEquals(17, ackBack.getMessageId());

        MqttSubAck subAck = new MqttSubAck(new int[] {1, 0x80}, new MqttProperties());
        subAck.setMessageId(3);
        MqttSubAck subAckBack = assertInstanceOf(MqttSubAck.class, MqttWireMessage.createWireMessage(encode(subAck)));
        assertArrayEquals(new int[] {1, 0x80}, subAckBack.getReturnCodes());
    }

    private static byte[] encode(MqttWireMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(message.getHeader());
        out.write(message.getPayload());
        return out.toByteArray();
    }
}
