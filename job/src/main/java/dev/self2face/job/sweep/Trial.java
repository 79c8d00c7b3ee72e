package dev.self2face.job.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One point of the search space: an id and a value per parameter, drawn from the space's seed (the same space file
 * gives the same trials, which is what lets a killed sweep continue).
 */
public record Trial(String id, Map<String, Object> params) implements Serializable {

    /** The space's trials, in order. */
    public static List<Trial> draw(SweepSpace space) {
        Random r = new Random(space.seed());
        List<Trial> out = new java.util.ArrayList<>();
        for (int i = 0; i < space.trials(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (SweepParam param : space.params()) {
                p.put(param.key(), param.sample(r));
            }
            out.add(new Trial(String.format("t%03d", i), p));
        }
        return out;
    }

    /** The trial's parameters as {@code --set} arguments. */
    public List<String> settings() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + SweepParam.render(e.getValue())).toList();
    }
}
