package de.stadtwerk.hub.store;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.store.internal.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Many batches of observations (and their rejections) in one transaction on one connection, committed once:
 * the write behind a file import that must store a whole file or nothing of it. Used from one thread at a time.
 *
 * <p>Unlike {@link ObservationStore#write}, a row the database refuses for a data reason (SQLSTATE 22/23) cannot be
 * singled out here (the error aborts the whole transaction): {@link #write} then throws {@link DataRefusedException}
 * and the caller rolls back and writes the input again batch by batch, where such rows go to the quarantine. Any
 * other database error is a {@link StoreUnavailableException}. {@link #close()} rolls back what was not committed.
 */
public final class BulkWrite implements AutoCloseable {

    /** The database refused a row for a data reason; the transaction is lost, write the input batch-wise. */
    public static final class DataRefusedException extends RuntimeException {
        DataRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObservationStore store;
    private final Connection connection;
    private final QuarantineStore quarantine;
    private final List<String> newSeries = new ArrayList<>();
    private boolean open = true;
    private long written;

    BulkWrite(ObservationStore store, Connection connection, QuarantineStore quarantine) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.quarantine = quarantine;
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Upserts one batch (series ids set) and adds the rejections to the quarantine, uncommitted. */
    public WriteResult write(List<Observation> input, List<Rejection> rejections) {
        if (!open) {
            throw new IllegalStateException("the bulk write is already committed or closed");
        }
        List<Observation> observations = ObservationStore.lastPerKey(input);
        try {
            newSeries.addAll(store.registerSeries(connection, observations));
            store.upsertBatched(connection, observations);
            quarantine.add(connection, rejections);
        } catch (SQLException e) {
            if (SqlErrors.isDataError(e)) {
                throw new DataRefusedException("the database refused a value of the batch: " + SqlErrors.describe(e), e);
            }
            throw new StoreUnavailableException("the store could not take " + observations.size()
                    + " observation(s): " + SqlErrors.describe(e), e);
        }
        written += input.size();
        return new WriteResult(input.size(), rejections.size());
    }

    /** Stored readings of counter series around the spans, as this transaction sees them (its own rows included). */
    public java.util.Map<String, java.util.NavigableMap<java.time.Instant, Double>> counterReadings(
            java.util.Map<String, ReadingSpan> spans) {
        try {
            return CounterReadings.read(connection, store.dialect(), spans);
        } catch (SQLException e) {
            if (SqlErrors.isDataError(e)) {
                throw new DataRefusedException("the previous readings could not be read: " + SqlErrors.describe(e), e);
            }
            throw new StoreUnavailableException("could not read the previous readings of " + spans.size()
                    + " counter series: " + SqlErrors.describe(e), e);
        }
    }

    /** Adds rejections to the quarantine in this transaction. */
    public void quarantine(List<Rejection> rejections) {
        try {
            quarantine.add(connection, rejections);
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not quarantine " + rejections.size() + " item(s): "
                    + SqlErrors.describe(e), e);
        }
    }

    /** Observations written so far (uncommitted until {@link #commit()}). */
    public long written() {
        return written;
    }

    /** Commits everything written; the bulk write is finished afterwards. */
    public void commit() {
        if (!open) {
            throw new IllegalStateException("the bulk write is already committed or closed");
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("the store could not commit " + written + " observation(s): "
                    + SqlErrors.describe(e), e);
        }
        open = false;
        store.seriesRegistry().confirm(newSeries);
    }

    /** Rolls back what was not committed and returns the connection. */
    @Override
    public void close() {
        try {
            if (open) {
                open = false;
                connection.rollback();
            }
        } catch (SQLException e) {
            // the connection is broken; the pool discards it, the transaction is gone with it
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
