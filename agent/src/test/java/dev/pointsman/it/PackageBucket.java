package dev.pointsman.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** A versioned S3 bucket of deployment packages, as a build pipeline leaves them. */
public final class PackageBucket implements AutoCloseable {
  private final S3Client s3 = Emulator.client(S3Client.builder().forcePathStyle(true));
  public final String bucket;

  /** One uploaded package: where it is and the CodeSha256 Lambda will compute for it. */
  public record Package(String key, String objectVersion, String sha256) {}

  public PackageBucket(String bucket) {
    this.bucket = bucket;
    s3.createBucket(r -> r.bucket(bucket));
    s3.putBucketVersioning(
        r ->
            r.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
  }

  /** Uploads build {@code build} of a Python handler under {@code key} (a new object version). */
  public Package upload(String key, int build) {
    byte[] zip = zip(build);
    String version =
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(zip)).versionId();
    return new Package(key, version, sha256(zip));
  }

  private static byte[] zip(int build) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("handler.py"));
      zip.write(
          ("def handler(event, context):\n    return {\"build\": " + build + "}\n")
              .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
