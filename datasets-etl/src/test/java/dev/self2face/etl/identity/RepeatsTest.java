package dev.self2face.etl.identity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as content replayed: runs of matches at one time offset, not single resemblances. */
class RepeatsTest {
    private static final Random RANDOM = new Random(11);

    /** A face with a random look: far (descriptor ~1.1, hash ~32 bits) from every other random look. */
    static IdentityFilter.Face look(String source, int i, double t) {
        float[] d = new float[128];
        for (int k = 0; k < d.length; k++) {
            d[k] = (float) (RANDOM.nextGaussian() * 0.07);
        }
        return new IdentityFilter.Face(source + "-" + i, source, t, RANDOM.nextLong(), d);
    }

    /** The same look again, slightly changed (a re-encode): descriptor ~0.1 away, 3 bits flipped. */
    static IdentityFilter.Face again(IdentityFilter.Face f, String source, int i, double t) {
        float[] d = f.descriptor().clone();
        for (int k = 0; k < d.length; k++) {
            d[k] += (float) (RANDOM.nextGaussian() * 0.009);
        }
        return new IdentityFilter.Face(source + "-" + i, source, t, f.phash() ^ 0b10101L, d);
    }

    static List<IdentityFilter.Face> video(String source, int n) {
        List<IdentityFilter.Face> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(look(source, i, i * 0.1));
        }
        return out;
    }

    @Test
    void everySpeedIsTriedOnceSpeedOneFirst() {
        int[] order = Repeats.SPEED_ORDER.clone();
        assertEquals(1.0, Repeats.SPEEDS[order[0]], 1e-12, "copies and loops are found at the first speed tried");
        java.util.Arrays.sort(order);
        int[] all = new int[Repeats.SPEEDS.length];
        java.util.Arrays.setAll(all, i -> i);
        org.junit.jupiter.api.Assertions.assertArrayEquals(all, order);
    }

    @Test
    void aCopyOfADatasetVideoIsARepeatFromStartToEnd() {
        List<IdentityFilter.Face> original = video("a", 100);
        List<IdentityFilter.Face> copy = new ArrayList<>();
        for (IdentityFilter.Face f : original) {
            copy.add(again(f, "b", copy.size(), f.tSec() + 0.04));
        }
        Set<String> repeats = Repeats.of(original, copy, Repeats.DEFAULT);
        assertEquals(100, repeats.size());
        assertTrue(Repeats.of(List.of(), original, Repeats.DEFAULT).isEmpty(), "nothing earlier: no repeat");
    }

    @Test
    void aCopyAtAnotherSpeedIsARepeatToo() {
        List<IdentityFilter.Face> original = video("a", 100);
        // the same frames re-timed: a PAL speed-up (25/24), a sped-up upload (1.25x, 2x), a slowed one (0.8x)
        for (double speed : new double[] {25.0 / 24, 1.25, 2.0, 0.8}) {
            List<IdentityFilter.Face> copy = new ArrayList<>();
            for (IdentityFilter.Face f : original) {
                copy.add(again(f, "b" + speed, copy.size(), 3.0 + f.tSec() / speed));
            }
            Set<String> repeats = Repeats.of(original, copy, Repeats.DEFAULT);
            assertTrue(repeats.size() >= 95, "speed " + speed + ": " + repeats.size() + " of 100 found");
        }
    }

    @Test
    void lookalikesAtScatteredTimesAreNoRepeat() {
        List<IdentityFilter.Face> original = video("a", 100);
        List<IdentityFilter.Face> other = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // every face resembles some earlier face, but at a different offset each time
            IdentityFilter.Face like = original.get(RANDOM.nextInt(original.size()));
            other.add(again(like, "c", i, i * 0.1));
        }
        Set<String> repeats = Repeats.of(original, other, Repeats.DEFAULT);
        assertTrue(repeats.size() <= 5, "resemblances without a run at one offset: " + repeats);
    }

    @Test
    void aVideoThatLoopsRepeatsItselfAfterTheFirstPass() {
        List<IdentityFilter.Face> pass = video("v", 60);
        List<IdentityFilter.Face> looped = new ArrayList<>(pass);
        for (IdentityFilter.Face f : pass) {
            looped.add(again(f, "v", looped.size(), f.tSec() + 6.0));
        }
        Set<String> repeats = Repeats.of(List.of(), looped, Repeats.DEFAULT);
        assertEquals(60, repeats.size());
        assertTrue(repeats.stream().allMatch(id -> Integer.parseInt(id.substring(2)) >= 60), "only the second pass");
    }
}
