package de.stadtwerk.hub.publish.export.sensorthings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.DeadLetterReplayer;
import de.stadtwerk.hub.publish.export.DeadLetterStore;
import de.stadtwerk.hub.publish.export.ExportFailedException;
import de.stadtwerk.hub.publish.export.Retrier;
import de.stadtwerk.hub.store.SeriesInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes assets and observations to a SensorThings API v1.1 server (bean {@code sensorThingsPush}, route
 * routes/publish/sensorthings-push.camel.yaml). Per selected series: make sure its Thing, Sensor, ObservedProperty
 * and Datastream exist (remembered ids, else looked up by {@code properties/hubId}, else created), then send the
 * observations after the series' watermark in batches. A batch the server does not take after the retries is
 * parked (dead letter) and the series waits until it has been replayed; when the server is down the run stops.
 */
public class SensorThingsPush implements DeadLetterReplayer {

    public static final String TARGET = "sensorthings";

    private static final Logger LOG = LoggerFactory.getLogger(SensorThingsPush.class);

    /** What one run did. */
    public record RunResult(boolean enabled, int series, int batches, long observations, int parked, int waiting,
                            boolean stopped, String stopCause) {
    }

    /** Which series are pushed and how. */
    public record Selection(Set<String> quantities, Set<String> assetKinds, int batchSize, int maxBatchesPerRun,
                            Function<Instant, Instant> startWithoutWatermark) {
    }

    private final boolean enabled;
    private final StaClient client;
    private final StaStore store;
    private final DeadLetterStore deadLetters;
    private final Retrier retrier;
    private final Selection selection;
    private final Function<String, Optional<Asset>> assets;
    private final Clock clock;

    public SensorThingsPush(boolean enabled, StaClient client, StaStore store, DeadLetterStore deadLetters,
                            Retrier retrier, Selection selection, Function<String, Optional<Asset>> assets, Clock clock) {
        this.enabled = enabled;
        this.client = client;
        this.store = store;
        this.deadLetters = deadLetters;
        this.retrier = retrier;
        this.selection = selection;
        this.assets = assets;
        this.clock = clock;
    }

    @Override
    public String target() {
        return TARGET;
    }

    /** One push run over every selected series. */
    public synchronized RunResult run() {
        if (!enabled) {
            LOG.debug("SensorThings push is off (hub.export.sensorthings.enabled=false)");
            return new RunResult(false, 0, 0, 0, 0, 0, false, null);
        }
        Set<String> waitingSeries = deadLetters.parkedKeys(TARGET);
        List<SeriesInfo> selected = store.series().stream().filter(this::selected).toList();
        Instant start = selection.startWithoutWatermark().apply(clock.instant());
        int batches = 0;
        long sent = 0;
        int parked = 0;
        int waiting = 0;
        for (SeriesInfo s : selected) {
            if (waitingSeries.contains(s.id())) {
                waiting++;
                continue;
            }
            for (int b = 0; b < selection.maxBatchesPerRun(); b++) {
                List<StaObservation> pending = store.pending(s.id(), store.watermark(s.id()), start, selection.batchSize());
                if (pending.isEmpty()) {
                    break;
                }
                StaBatch batch = new StaBatch(s.id(), pending);
                try {
                    send(s, batch);
                } catch (ExportFailedException e) {
                    long id = store.parked(batch, TARGET, e.describe(), e.attempts());
                    parked++;
                    LOG.error("SensorThings: batch of {} observation(s) of {} parked as dead letter {} after {}"
                            + " attempt(s): {}", pending.size(), s.id(), id, e.attempts(), e.describe());
                    if (!e.rejected() || e.authentication()) {
                        LOG.warn("SensorThings server {} not usable; the push stops here, the other series follow"
                                + " in the next run", client.serviceRoot());
                        return new RunResult(true, selected.size(), batches, sent, parked, waiting, true, e.describe());
                    }
                    break;
                }
                store.pushed(batch);
                batches++;
                sent += pending.size();
                if (pending.size() < selection.batchSize()) {
                    break;
                }
            }
        }
        if (sent > 0 || parked > 0) {
            LOG.info("SensorThings push: {} observation(s) in {} batch(es), {} parked, {} series waiting for a replay",
                    sent, batches, parked, waiting);
        }
        return new RunResult(true, selected.size(), batches, sent, parked, waiting, false, null);
    }

    /** Sends a parked batch again (operator's replay); the watermark is already past it. */
    @Override
    public synchronized void replay(DeadLetter letter) {
        StaBatch batch = StaBatch.fromJson(letter.payload());
        SeriesInfo s = store.series().stream().filter(x -> x.id().equals(batch.seriesId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("dead letter " + letter.id() + ": series "
                        + batch.seriesId() + " is not in the store"));
        send(s, batch);
    }

    private void send(SeriesInfo s, StaBatch batch) {
        String datastream = datastream(s);
        retrier.call("SensorThings push of " + s.id(), () -> {
            // what the server already has of this datastream is not sent again (a lost answer, a replay twice)
            Optional<Instant> newest = client.newestStart(datastream);
            List<StaObservation> missing = newest.isEmpty() ? batch.observations() : batch.observations().stream()
                    .filter(o -> o.start().isAfter(newest.get())).toList();
            if (!missing.isEmpty()) {
                client.createObservations(datastream, missing);
            }
            return missing.size();
        });
    }

    private boolean selected(SeriesInfo s) {
        if (!selection.quantities().isEmpty() && !selection.quantities().contains(s.quantity())) {
            return false;
        }
        if (selection.assetKinds().isEmpty()) {
            return true;
        }
        return assets.apply(s.assetId()).map(a -> a.kind() != null && selection.assetKinds().contains(a.kind()))
                .orElse(false);
    }

    /** The datastream of a series, with its Thing, Sensor and ObservedProperty, created where missing. */
    String datastream(SeriesInfo s) {
        Optional<Asset> asset = assets.apply(s.assetId());
        String kind = asset.map(Asset::kind).orElse(null);
        String thing = ensure(StaEntities.THING, "Things", s.assetId(), () -> StaEntities.thing(s.assetId(), asset.orElse(null)));
        String sensor = ensure(StaEntities.SENSOR, "Sensors", StaEntities.sensorHubId(kind), () -> StaEntities.sensor(kind));
        String property = ensure(StaEntities.OBSERVED_PROPERTY, "ObservedProperties",
                StaEntities.observedPropertyHubId(s.quantity()), () -> StaEntities.observedProperty(s.quantity()));
        return ensure(StaEntities.DATASTREAM, "Datastreams", s.id(),
                () -> StaEntities.datastream(s, asset.orElse(null), thing, sensor, property));
    }

    private String ensure(String kind, String entitySet, String hubId, Supplier<ObjectNode> body) {
        Optional<String> known = store.entity(kind, hubId);
        if (known.isPresent()) {
            return known.get();
        }
        String id = retrier.call("SensorThings " + entitySet + " " + hubId, () -> {
            Optional<String> found = client.findByHubId(entitySet, hubId);
            return found.isPresent() ? found.get() : client.create(entitySet, body.get());
        });
        store.rememberEntity(kind, hubId, id);
        LOG.info("SensorThings: {} {} is {}({})", kind, hubId, entitySet, id);
        return id;
    }
}
