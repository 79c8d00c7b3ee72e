package dev.self2face.job.train;

import org.apache.spark.sql.Row;

import java.io.Serializable;

/**
 * A train pair on its way to the worker that trains on it in a Spark round: the worker, the pair's slot in that
 * worker's share of the round (its minibatch is slot / batch) and the pair. A plain class rather than a record:
 * Kryo, Spark's serializer here, cannot set a record's fields.
 */
final class SlotRow implements Serializable {
    private int worker;
    private int slot;
    private Row row;

    @SuppressWarnings("unused") // Kryo
    private SlotRow() {
    }

    SlotRow(int worker, int slot, Row row) {
        this.worker = worker;
        this.slot = slot;
        this.row = row;
    }

    int worker() {
        return worker;
    }

    int slot() {
        return slot;
    }

    Row row() {
        return row;
    }
}
