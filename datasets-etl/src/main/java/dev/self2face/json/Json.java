package dev.self2face.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON mapper of every file self2face writes and reads (manifests, run.json, evaluation and gate files,
 * pipeline and sweep state, summaries, metrics lines): an object's fields are written under snake_case keys
 * ({@code trainPairs} as {@code train_pairs}); map keys (config keys, metric names, file names) stay as they are. A
 * file written before the keys were snake_case still reads: a field also accepts its Java name.
 */
public final class Json {
    /** Compact: one line per value (metrics.jsonl, Spark rows, what is parsed again at once). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .annotationIntrospector(new JavaNamesToo())
            .build();
    /** Indented: files people open. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** Accepts each field's Java name besides its snake_case key when reading (files of earlier versions). */
    private static final class JavaNamesToo extends JacksonAnnotationIntrospector {
        @Override
        public List<PropertyName> findPropertyAliases(Annotated a) {
            List<PropertyName> own = super.findPropertyAliases(a);
            String name = javaName(a);
            if (name == null || name.equals(name.toLowerCase())) {
                return own;
            }
            List<PropertyName> all = new ArrayList<>(own == null ? List.of() : own);
            all.add(PropertyName.construct(name));
            return all;
        }

        /** A field's name, or a record component's (a record is read through its constructor's parameters). */
        private static String javaName(Annotated a) {
            if (a instanceof AnnotatedField f) {
                return f.getName();
            }
            if (a instanceof AnnotatedParameter p && p.getDeclaringClass().isRecord()) {
                RecordComponent[] components = p.getDeclaringClass().getRecordComponents();
                return p.getIndex() < components.length ? components[p.getIndex()].getName() : null;
            }
            return null;
        }
    }
}
