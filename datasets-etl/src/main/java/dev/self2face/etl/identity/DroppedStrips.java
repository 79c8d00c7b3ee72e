package dev.self2face.etl.identity;

import dev.self2face.etl.dataset.ContactSheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The contact sheet's strips of what the identity decision dropped: a few faces of each other identity, and of the
 * faces that formed none, spread evenly over them.
 */
public final class DroppedStrips {
    private DroppedStrips() {
    }

    /** Each strip's title and the ids of the faces it shows (in strip order). */
    public static Map<String, List<String>> chosen(IdentityFilter.Decision d) {
        Map<Integer, List<String>> others = new TreeMap<>();
        List<String> none = new ArrayList<>();
        d.dropped().keySet().stream().sorted().forEach(id -> {
            String why = d.dropped().get(id);
            if (IdentityFilter.OTHER.equals(why)) {
                others.computeIfAbsent(d.cluster().get(id), k -> new ArrayList<>()).add(id);
            } else if (IdentityFilter.NONE.equals(why)) {
                none.add(id);
            }
        });
        Map<String, List<String>> shown = new LinkedHashMap<>();
        int k = 0;
        for (List<String> ids : others.values()) {
            shown.put("dropped: other identity " + (++k) + " (" + ids.size() + " faces)", spread(ids));
        }
        if (!none.isEmpty()) {
            shown.put("dropped: no identity (" + none.size() + " faces)", spread(none));
        }
        return shown;
    }

    /** The strips of {@link #chosen} with the faces' PNGs ({@code pngs} by id; a missing one is left out). */
    public static List<ContactSheet.Strip> strips(Map<String, List<String>> chosen, Map<String, byte[]> pngs) {
        List<ContactSheet.Strip> strips = new ArrayList<>();
        chosen.forEach((title, ids) -> strips.add(new ContactSheet.Strip(title,
                ids.stream().map(pngs::get).filter(Objects::nonNull).toList())));
        return strips;
    }

    /** At most a strip's worth of {@code ids}, evenly spread. */
    private static List<String> spread(List<String> ids) {
        List<String> some = new ArrayList<>();
        int take = Math.min(ContactSheet.STRIP_FACES, ids.size());
        for (int i = 0; i < take; i++) {
            some.add(ids.get((int) ((long) i * ids.size() / take)));
        }
        return some;
    }
}
