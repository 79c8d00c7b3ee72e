package dev.self2face.etl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Near-duplicates within one video: kept in time order unless within the distance of a frame already kept. */
class DedupeTest {
    @Test
    void aFrameNearAnEarlierKeptOneIsDroppedWhateverTheInputOrder() {
        long a = 0L;
        long nearA = 0b111L;                // 3 bits from a
        long b = 0xFFFF_0000_0000_0000L;    // 16 bits from a
        long nearB = b ^ 0b1L;              // 1 bit from b
        List<Dedupe.Item> items = List.of(
                new Dedupe.Item("v-4", 4.0, nearB), new Dedupe.Item("v-1", 1.0, a),
                new Dedupe.Item("v-3", 3.0, b), new Dedupe.Item("v-2", 2.0, nearA));
        assertEquals(List.of("v-1", "v-3"), Dedupe.keep(items, 4));
        assertEquals(List.of("v-1", "v-2", "v-3"), Dedupe.keep(items, 2), "3 bits apart is no duplicate at 2");
        assertEquals(List.of("v-1", "v-2", "v-3", "v-4"), Dedupe.keep(items, -1), "-1 keeps all");
    }
}
