package dev.self2face.storage;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FFmpeg seeks in local files only, so an executor copies a remote video (s3a://, hdfs://) to its local cache once,
 * keyed by URI and fingerprint, and every segment task of that video on the executor reuses the copy.
 */
public final class LocalCopies {
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    private LocalCopies() {
    }

    public static File localFile(Storage storage, String uri, String fingerprint, String cacheDir)
            throws IOException {
        Path p = Storage.path(uri);
        if ("file".equals(p.toUri().getScheme())) {
            return new File(p.toUri());
        }
        String key = sha1(uri + "|" + fingerprint);
        String name = p.getName();
        int dot = name.lastIndexOf('.');
        File target = new File(cacheDir, key + (dot >= 0 ? name.substring(dot) : ""));
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            if (target.isFile()) {
                return target;
            }
            Files.createDirectories(target.getParentFile().toPath());
            File tmp = new File(cacheDir, key + ".part-" + ProcessHandle.current().pid());
            FileSystem fs = storage.fs(p);
            try (InputStream in = fs.open(p)) {
                Files.copy(in, tmp.toPath(), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    public static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
