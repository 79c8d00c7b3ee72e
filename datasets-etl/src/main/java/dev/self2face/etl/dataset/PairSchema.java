package dev.self2face.etl.dataset;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The dataset's columns. Only this package knows column names; bump {@link #VERSION} on any change. */
public final class PairSchema {
    /**
     * 4: adds {@link #ATTRIBUTES}; 3 added {@link #DESCRIPTOR}; 2 added {@link #LANDMARKS}. Older datasets are still
     * read (the missing columns come back null; {@link FaceAttributes} derives the attributes from the landmarks).
     */
    public static final int VERSION = 4;

    public static final String ID = "id";
    public static final String SOURCE_ID = "source_id";
    public static final String SOURCE_URI = "source_uri";
    public static final String SOURCE_FINGERPRINT = "source_fingerprint";
    public static final String TIMESTAMP = "timestamp_sec";
    public static final String FRAME_INDEX = "frame_index";
    public static final String FACE_BOX = "face_box";
    public static final String LEFT_EYE = "left_eye";
    public static final String RIGHT_EYE = "right_eye";
    public static final String LANDMARKS = "landmarks";
    /** The face's identity descriptor (face-api's face recognition net, 128 numbers); null when etl.identity = off. */
    public static final String DESCRIPTOR = "descriptor";
    /** The face's {@link FaceMeasures} (a struct, one double per measure name); null without landmarks. */
    public static final String ATTRIBUTES = "attributes";
    public static final String SHARPNESS = "sharpness";
    public static final String PHASH = "phash";
    public static final String SIZE = "size";
    public static final String CONDITION = "condition";
    public static final String FACE = "face";
    public static final String SPLIT = "split";

    public static final String TRAIN = "train";
    public static final String VAL = "val";

    private static final StructType BOX = new StructType()
            .add("x", DataTypes.IntegerType, false).add("y", DataTypes.IntegerType, false)
            .add("w", DataTypes.IntegerType, false).add("h", DataTypes.IntegerType, false);
    private static final StructType POINT = new StructType()
            .add("x", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false);

    static final StructType ATTRIBUTE_FIELDS = attributeFields();

    private static StructType attributeFields() {
        StructType t = new StructType();
        for (String name : FaceMeasures.NAMES) {
            t = t.add(name, DataTypes.DoubleType, false);
        }
        return t;
    }

    /** Row layout as written (split and source_id are also the partition directories). */
    public static final StructType PAIRS = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_URI, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_FINGERPRINT, DataTypes.StringType, false),
        DataTypes.createStructField(TIMESTAMP, DataTypes.DoubleType, false),
        DataTypes.createStructField(FRAME_INDEX, DataTypes.LongType, false),
        DataTypes.createStructField(FACE_BOX, BOX, false),
        DataTypes.createStructField(LEFT_EYE, POINT, false),
        DataTypes.createStructField(RIGHT_EYE, POINT, false),
        DataTypes.createStructField(LANDMARKS, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(DESCRIPTOR, DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField(ATTRIBUTES, ATTRIBUTE_FIELDS, true),
        DataTypes.createStructField(SHARPNESS, DataTypes.DoubleType, false),
        DataTypes.createStructField(PHASH, DataTypes.LongType, false),
        DataTypes.createStructField(SIZE, DataTypes.IntegerType, false),
        DataTypes.createStructField(CONDITION, DataTypes.BinaryType, false),
        DataTypes.createStructField(FACE, DataTypes.BinaryType, false),
        DataTypes.createStructField(SPLIT, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_ID, DataTypes.StringType, false),
    });

    public static final StructType REJECTS = new StructType()
            .add(SOURCE_URI, DataTypes.StringType, false)
            .add("stage", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("time", DataTypes.TimestampType, false)
            .add("run_id", DataTypes.StringType, false)
            .add(SOURCE_ID, DataTypes.StringType, false);

    private PairSchema() {
    }
}
