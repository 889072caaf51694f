package de.stadtwerk.hub.publish.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock stubs of a SensorThings v1.1 service root at {@code /v1.1}: lookups by hubId answer "none", creations
 * answer 201 with a Location naming the entity by its hubId (string ids), CreateObservations answers one self link per observation, the newest observation of a
 * datastream is "none". Helpers read back what the hub sent.
 */
public final class StaFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    private StaFixture() {
    }

    public static void serverWithNothing(WireMockServer wm) {
        for (String set : List.of("Things", "Sensors", "ObservedProperties", "Datastreams")) {
            wm.stubFor(get(urlPathEqualTo("/v1.1/" + set)).willReturn(okJson("{\"value\":[]}")));
        }
        for (String set : List.of("Things", "Sensors", "ObservedProperties", "Datastreams")) {
            // string ids: the entity's hubId in quotes, so that every entity has its own id
            wm.stubFor(post(urlEqualTo("/v1.1/" + set)).willReturn(aResponse().withStatus(201)
                    .withTransformers("response-template")
                    .withHeader("Location", wm.baseUrl() + "/v1.1/" + set + "('{{jsonPath request.body '$.properties.hubId'}}')")));
        }
        wm.stubFor(get(urlPathMatching("/v1\\.1/Datastreams\\(.+\\)/Observations"))
                .withQueryParam("$top", equalTo("1")).willReturn(okJson("{\"value\":[]}")));
        wm.stubFor(post(urlEqualTo("/v1.1/CreateObservations")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("[{{#each (jsonPath request.body '$[0].dataArray') as |row|}}{{#unless @first}},{{/unless}}"
                        + "\"" + wm.baseUrl() + "/v1.1/Observations(1)\"{{/each}}]")));
    }

    /** Requests received, oldest first. */
    public static List<ServeEvent> received(WireMockServer wm) {
        List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    public static long count(WireMockServer wm, String method, String urlPrefix) {
        return received(wm).stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && e.getRequest().getUrl().startsWith(urlPrefix)).count();
    }

    /** The phenomenonTimes sent per datastream id, in the order they were sent (all CreateObservations requests). */
    public static Map<String, List<String>> observationsSent(WireMockServer wm) throws Exception {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (ServeEvent e : received(wm)) {
            if (!e.getRequest().getUrl().equals("/v1.1/CreateObservations")
                    || e.getResponse().getStatus() != 201) {
                continue;
            }
            for (JsonNode entry : JSON.readTree(e.getRequest().getBodyAsString())) {
                List<String> l = result.computeIfAbsent(entry.path("Datastream").path("@iot.id").asText(),
                        k -> new ArrayList<>());
                entry.path("dataArray").forEach(row -> l.add(row.get(0).asText()));
            }
        }
        return result;
    }
}
