package dev.self2face.job.model;

import dev.self2face.job.model.layers.DiffAugment;
import dev.self2face.job.model.layers.ChannelSubset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts differentiable augmentation ({@link DiffAugment}) between D's inputs and D, in D's own graph and in the
 * adversarial graph alike (there unfrozen: it has no weights, and a frozen wrapper would run it as at inference). A D
 * with one input (the image) gets the layer on it; a D with a condition besides the image (pix2pix) gets its inputs
 * stacked, one transform for the stack (the condition moves with its face; colour touches the face only), and split
 * again, so that D itself is built as without augmentation.
 */
final class Augmentation {
    static final String LAYER = "d_augment";

    private Augmentation() {
    }

    /** D's input roles (D input name -> vertex), rerouted through the augmentation; unchanged without it. */
    static Map<String, String> insert(NetBuilder b, SmallData d, Map<String, String> roles) {
        if (!d.augments()) {
            return roles;
        }
        boolean colour = d.augment().contains(SmallData.Policy.COLOUR);
        boolean translation = d.augment().contains(SmallData.Policy.TRANSLATION);
        boolean cutout = d.augment().contains(SmallData.Policy.CUTOUT);
        if (roles.size() == 1) {
            String name = roles.keySet().iterator().next();
            return Map.of(name, b.layer(LAYER, new DiffAugment(LAYER, colour, translation, cutout, 0),
                    roles.get(name)));
        }
        // the image last, each input 3 channels: colour applies from the image's first channel on
        List<String> order = new ArrayList<>(roles.keySet());
        order.remove(GanGraphs.IMAGE);
        order.add(GanGraphs.IMAGE);
        String stacked = b.concat(LAYER + "_in", order.stream().map(roles::get).toArray(String[]::new));
        String out = b.layer(LAYER, new DiffAugment(LAYER, colour, translation, cutout, 3 * (order.size() - 1)),
                stacked);
        Map<String, String> rerouted = new LinkedHashMap<>();
        for (String name : roles.keySet()) {
            int i = order.indexOf(name);
            rerouted.put(name, b.vertex(LAYER + "_" + name, new ChannelSubset(3 * i, 3 * i + 2), out));
        }
        return rerouted;
    }
}
