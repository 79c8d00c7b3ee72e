package dev.self2face.storage;

import dev.self2face.config.Secrets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Object storage that fails fast and says so. Before a command's first remote call, each bucket (or HDFS
 * namenode) it will use is listed once, with a "checking …" line; an unreachable endpoint, a missing bucket or
 * refused credentials end the command there with a {@link StorageError} of one line naming the location, the
 * endpoint and the reason. The same explanation serves failures later in a run. Never shows a credential.
 */
public final class StorageCheck {
    private static final Logger LOG = LoggerFactory.getLogger("self2face.storage");

    private StorageCheck() {
    }

    /** Lists the root of every remote store among {@code uris} (local paths are skipped). */
    public static void reachable(Storage storage, Collection<String> uris) {
        Map<String, Path> stores = new LinkedHashMap<>();
        for (String uri : uris) {
            if (uri == null || uri.isEmpty()) {
                continue;
            }
            URI u = Storage.path(uri).toUri();
            if (!"file".equals(u.getScheme()) && u.getAuthority() != null) {
                stores.putIfAbsent(u.getScheme() + "://" + u.getAuthority() + "/",
                        new Path(u.getScheme() + "://" + u.getAuthority() + "/"));
            }
        }
        for (Map.Entry<String, Path> e : stores.entrySet()) {
            LOG.info("checking {}{}", e.getKey(), endpoint(storage.conf(), e.getValue()).map(s -> " at " + s)
                    .orElse(""));
            try {
                storage.fs(e.getValue()).listStatusIterator(e.getValue()).hasNext();
            } catch (IOException | RuntimeException ex) {
                throw new StorageError(e.getKey() + endpoint(storage.conf(), e.getValue()).map(s -> " at " + s)
                        .orElse("") + ": " + reason(ex), ex);
            }
        }
    }

    /**
     * One line for a failure that came from storage (a location, its endpoint and why), or empty when
     * {@code failure} does not look like one.
     */
    public static Optional<String> explain(Throwable failure) {
        // the innermost recognised cause is the most specific (S3A wraps "no credentials" in "access denied")
        String found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String kind = kind(t);
            found = kind != null ? kind : found;
        }
        return Optional.ofNullable(found).map(Secrets::scrub);
    }

    /** The endpoint a path's store is reached at, as configured (s3a only). */
    static Optional<String> endpoint(Configuration conf, Path p) {
        URI u = p.toUri();
        if (!"s3a".equals(u.getScheme())) {
            return Optional.empty();
        }
        String e = conf.getTrimmed("fs.s3a.bucket." + u.getAuthority() + ".endpoint",
                conf.getTrimmed("fs.s3a.endpoint", ""));
        return Optional.of(e.isEmpty() ? "the default AWS endpoint" : "endpoint " + e);
    }

    static String reason(Throwable failure) {
        return explain(failure).orElseGet(() -> Secrets.scrub(firstLine(failure)));
    }

    private static String kind(Throwable t) {
        String m = String.valueOf(t.getMessage());
        String cls = t.getClass().getSimpleName();
        if (cls.equals("UnknownStoreException") || m.contains("NoSuchBucket")) {
            return "the bucket does not exist";
        }
        if (t instanceof AccessDeniedException || m.contains("InvalidAccessKeyId")
                || m.contains("SignatureDoesNotMatch") || m.contains("Status Code: 403")) {
            return "access denied: the credentials were refused or lack permission (storage.s3.access-key and "
                    + "storage.s3.secret-key, the AWS_* variables or the default AWS credential chain)";
        }
        if (cls.equals("NoAuthWithAWSException")) {
            return "no credentials: set storage.s3.access-key and storage.s3.secret-key, the AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY variables, or an AWS profile or instance role";
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return "cannot connect (" + firstLine(t) + ")";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host " + t.getMessage();
        }
        if (t instanceof SocketTimeoutException || cls.equals("ConnectTimeoutException")
                || t instanceof InterruptedIOException && m.contains("timed out")) {
            return "timed out (" + firstLine(t) + ")";
        }
        return null;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
